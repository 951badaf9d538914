// The real server app in a process of its own, for bench/csv-export-year.ts: its memory is then
// only the server's (the benchmark's client, data generator and raw baseline live in the parent).
// Started with `--expose-gc` and an IPC channel; opens the SQLite file in BENCH_DB_FILE, listens
// on 127.0.0.1 and samples its own memory every few milliseconds.
// Messages from the parent: `reset` (collect garbage, start a new peak; answers the memory
// after it), `peak` (answers the highest RSS and heap seen since the reset), `stop`.
import { buildApp } from '../server/app';
import { openDatabase } from '../server/db/database';

interface Memory {
  rss: number;
  heapUsed: number;
}

const file = process.env.BENCH_DB_FILE;
if (!file || !process.send) throw new Error('Start me from bench/csv-export-year.ts (fork, IPC).');
const send = (message: unknown) => process.send?.(message);

const db = openDatabase({ kind: 'sqlite', file });
const app = await buildApp({
  db,
  config: { staticDir: '/nonexistent/quartiersbuch-static', logLevel: 'warn' },
  logger: false,
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });

let peak: Memory = { rss: 0, heapUsed: 0 };
const sample = () => {
  const { rss, heapUsed } = process.memoryUsage();
  peak = { rss: Math.max(peak.rss, rss), heapUsed: Math.max(peak.heapUsed, heapUsed) };
};
// Runs between the export's pages and chunks: the stream yields to the event loop.
setInterval(sample, 5);

process.on('message', (message: { type: string }) => {
  if (message.type === 'reset') {
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    peak = { rss, heapUsed };
    send({ type: 'reset', rss, heapUsed });
  } else if (message.type === 'peak') {
    sample();
    send({ type: 'peak', ...peak });
  } else if (message.type === 'stop') {
    void app
      .close()
      .then(() => db.destroy())
      .then(() => process.exit(0));
  }
});
send({ type: 'ready', url });
