// Reading a password for `npm run admin` (issue 10): from standard input, never from the
// command line — arguments end up in the shell's history and in every `ps` listing. At a
// terminal the password is asked for twice without being shown; from a pipe
// (`printf '%s\n' "$PW" | npm run admin -- set-password "Petra L."`) the first line is it.
import { createInterface } from 'node:readline';

export class SecretInputError extends Error {
  override name = 'SecretInputError';
}

/** The password typed or piped in; SecretInputError when none came or the two differ. */
export async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) return readFirstLine(input);
  const first = await readHidden(`${prompt}: `);
  const second = await readHidden(`${prompt} wiederholen: `);
  if (first !== second) throw new SecretInputError('Die beiden Eingaben sind verschieden.');
  return first;
}

async function readFirstLine(input: NodeJS.ReadStream): Promise<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) return line;
  } finally {
    lines.close();
  }
  throw new SecretInputError('Es kam kein Passwort über die Standardeingabe.');
}

/** One line from the terminal with echo off; Ctrl-C ends the program. */
function readHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve) => {
    let typed = '';
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          input.off('data', onData);
          input.setRawMode(false);
          input.pause();
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') {
          input.setRawMode(false);
          process.stderr.write('\n');
          process.exit(130);
        }
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}
