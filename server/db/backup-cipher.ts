// Encryption of backup files: AES-256-GCM (node:crypto) in chunks, so a backup of any size
// streams through a few hundred kilobytes of memory, and a changed byte anywhere is refused.
//
// A file is a header and chunks:
//
//   header, 48 bytes
//      8  "QBBACKUP"
//      1  format version, 1
//     16  salt, random per file
//      7  file nonce, random per file
//     16  key check: HKDF-SHA256(backup key, salt, "quartiersbuch backup v1 check")
//   chunk, repeated
//      4  length n of the ciphertext, big-endian; the top bit set marks the last chunk
//      n  ciphertext, at most CHUNK_BYTES (a last chunk may be empty)
//     16  GCM tag
//
// Every file is encrypted under a key of its own, HKDF-SHA256(backup key, salt, "quartiersbuch
// backup v1 data"), so nonces cannot repeat across files. Chunk i's 12-byte nonce is file
// nonce ‖ i (32 bits, big-endian) ‖ 1 for the last chunk, else 0; the whole header is the
// additional authenticated data of every chunk (the STREAM construction of Hoang, Reyhanitabar,
// Rogaway and Vizár, 2015). So chunks swapped, dropped or repeated fail their tag; a file cut
// after any chunk lacks its last chunk (a chunk stored as "not last" cannot pass as the last);
// a changed header byte fails every chunk. The key check tells a wrong key from a damaged file
// before anything is decrypted; it reveals nothing about the key (HKDF output).
//
// What is encrypted is the gzip-compressed dump of backup.ts; this file knows nothing of it.
import {
  createCipheriv,
  createDecipheriv,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

const MAGIC = Buffer.from('QBBACKUP', 'ascii');
const FORMAT_VERSION = 1;
const SALT_BYTES = 16;
const FILE_NONCE_BYTES = 7;
const CHECK_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + SALT_BYTES + FILE_NONCE_BYTES + CHECK_BYTES;
const TAG_BYTES = 16;
const LENGTH_BYTES = 4;
const LAST_FLAG = 0x8000_0000;
/** Plaintext per chunk. */
export const CHUNK_BYTES = 64 * 1024;
const MAX_CHUNKS = 2 ** 32;

/** A backup file that cannot be read: the message is German and says what to do. */
export class BackupFileError extends Error {
  override name = 'BackupFileError';
}

const DAMAGED =
  'Die Sicherung ist beschädigt oder wurde verändert: sie lässt sich nicht entschlüsseln. ' +
  'Bitte eine andere Sicherung verwenden.';

interface FileKeys {
  data: Buffer;
  check: Buffer;
}

function deriveKeys(key: Buffer, salt: Buffer): FileKeys {
  const derive = (info: string, bytes: number) =>
    Buffer.from(hkdfSync('sha256', key, salt, `quartiersbuch backup v1 ${info}`, bytes));
  return { data: derive('data', 32), check: derive('check', CHECK_BYTES) };
}

function nonce(fileNonce: Buffer, index: number, last: boolean): Buffer {
  if (index >= MAX_CHUNKS) throw new Error('backup too large for one file');
  const out = Buffer.alloc(12);
  fileNonce.copy(out, 0);
  out.writeUInt32BE(index, FILE_NONCE_BYTES);
  out[11] = last ? 1 : 0;
  return out;
}

/** Encrypts a byte stream into the format above with `key` (32 bytes). */
export function encryptStream(key: Buffer): Transform {
  const salt = randomBytes(SALT_BYTES);
  const fileNonce = randomBytes(FILE_NONCE_BYTES);
  const keys = deriveKeys(key, salt);
  const header = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION]), salt, fileNonce, keys.check]);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  const seal = (plain: Buffer, last: boolean): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', keys.data, nonce(fileNonce, index, last));
    cipher.setAAD(header);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const length = Buffer.alloc(LENGTH_BYTES);
    length.writeUInt32BE((body.length | (last ? LAST_FLAG : 0)) >>> 0);
    index += 1;
    return Buffer.concat([length, body, cipher.getAuthTag()]);
  };
  let started = false;
  const start = (push: (bytes: Buffer) => void) => {
    if (!started) push(header);
    started = true;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      start((bytes) => this.push(bytes));
      pending.push(chunk);
      pendingBytes += chunk.length;
      // Only while more than a chunk waits: the last chunk is sealed in flush, marked last.
      if (pendingBytes > CHUNK_BYTES) {
        let all = Buffer.concat(pending);
        while (all.length > CHUNK_BYTES) {
          this.push(seal(all.subarray(0, CHUNK_BYTES), false));
          all = all.subarray(CHUNK_BYTES);
        }
        pending = [all];
        pendingBytes = all.length;
      }
      callback();
    },
    flush(callback: TransformCallback) {
      start((bytes) => this.push(bytes));
      this.push(seal(Buffer.concat(pending), true));
      pending = [];
      callback();
    },
  });
}

/**
 * Decrypts a file of the format above. Only authenticated bytes come out; the first problem
 * (wrong key, changed or missing bytes, bytes after the end) fails the stream with a
 * `BackupFileError`.
 */
export function decryptStream(key: Buffer): Transform {
  let buffered: Buffer = Buffer.alloc(0);
  let opened: { header: Buffer; dataKey: Buffer; fileNonce: Buffer } | undefined;
  let index = 0;
  let ended = false;

  const open = (bytes: Buffer) => {
    if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new BackupFileError(
        'Diese Datei ist keine Sicherung von Quartiersbuch (oder ihr Anfang ist beschädigt).',
      );
    }
    const version = bytes[MAGIC.length];
    if (version !== FORMAT_VERSION) {
      throw new BackupFileError(
        `Diese Sicherung hat ein Format (Version ${version}), das diese Version von ` +
          'Quartiersbuch nicht kennt. Bitte die App aktualisieren.',
      );
    }
    let at = MAGIC.length + 1;
    const salt = bytes.subarray(at, (at += SALT_BYTES));
    const fileNonce = Buffer.from(bytes.subarray(at, (at += FILE_NONCE_BYTES)));
    const check = bytes.subarray(at, (at += CHECK_BYTES));
    const keys = deriveKeys(key, salt);
    if (!timingSafeEqual(check, keys.check)) {
      throw new BackupFileError(
        'Der Schlüssel passt nicht zu dieser Sicherung. Bitte den Schlüssel einstellen ' +
          '(BACKUP_KEY oder BACKUP_KEY_FILE), mit dem sie geschrieben wurde.',
      );
    }
    return { header: Buffer.from(bytes.subarray(0, HEADER_BYTES)), dataKey: keys.data, fileNonce };
  };

  /** Decrypts every complete chunk in `buffered`; keeps the rest for the next call. */
  const drain = (push: (plain: Buffer) => void) => {
    if (!opened) {
      if (buffered.length < HEADER_BYTES) return;
      opened = open(buffered);
      buffered = buffered.subarray(HEADER_BYTES);
    }
    while (buffered.length > 0) {
      if (ended) {
        throw new BackupFileError(
          'Die Sicherung ist beschädigt: hinter ihrem Ende stehen weitere Daten. ' +
            'Bitte eine andere Sicherung verwenden.',
        );
      }
      if (buffered.length < LENGTH_BYTES) return;
      const word = buffered.readUInt32BE(0);
      const last = (word & LAST_FLAG) !== 0;
      const length = word & ~LAST_FLAG;
      // A changed length must not make us wait for (or allocate) gigabytes.
      if (length > CHUNK_BYTES) throw new BackupFileError(DAMAGED);
      const total = LENGTH_BYTES + length + TAG_BYTES;
      if (buffered.length < total) return;
      const decipher = createDecipheriv(
        'aes-256-gcm',
        opened.dataKey,
        nonce(opened.fileNonce, index, last),
      );
      decipher.setAAD(opened.header);
      decipher.setAuthTag(buffered.subarray(LENGTH_BYTES + length, total));
      let plain: Buffer;
      try {
        const body = buffered.subarray(LENGTH_BYTES, LENGTH_BYTES + length);
        plain = Buffer.concat([decipher.update(body), decipher.final()]);
      } catch {
        throw new BackupFileError(DAMAGED);
      }
      push(plain);
      buffered = buffered.subarray(total);
      index += 1;
      ended = last;
    }
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      try {
        drain((plain) => this.push(plain));
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
    flush(callback: TransformCallback) {
      if (!opened) {
        callback(
          new BackupFileError(
            'Diese Datei ist keine Sicherung von Quartiersbuch: sie ist zu kurz dafür.',
          ),
        );
      } else if (!ended) {
        callback(
          new BackupFileError(
            'Die Sicherung ist unvollständig: ihr Ende fehlt (abgeschnitten, vielleicht beim ' +
              'Kopieren). Bitte eine andere Sicherung verwenden.',
          ),
        );
      } else {
        callback();
      }
    },
  });
}

/** A fresh backup key as `BACKUP_KEY` takes it: base64 of 32 random bytes. */
export function newBackupKey(): string {
  return randomBytes(32).toString('base64');
}
