// Raw HTTP against a listening app: what `inject` cannot show — Node's own parser errors (a
// header too large), a body that stalls, the bytes exactly as they go over the wire.
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** The first response's body (by its Content-Length). */
  body: string;
  /** What came after the first response (e.g. a 408 once the rest of the request timed out). */
  rest: string;
  /** Milliseconds from connecting until the server closed (or the read gave up). */
  elapsedMs: number;
}

/** Listens on a free port of 127.0.0.1; returns the port. */
export async function listenLocally(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

/**
 * Sends `request` (raw bytes: request line, headers, maybe part of a body) and reads until the
 * server closes the connection or `giveUpMs` pass. The connection is never ended from this
 * side, so a stalled request stays stalled.
 */
export function rawExchange(
  port: number,
  request: string,
  giveUpMs = 10_000,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) {
        reject(new Error(`no HTTP response within ${giveUpMs} ms: ${JSON.stringify(text)}`));
        return;
      }
      const [statusLine = '', ...headerLines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const afterHeaders = Buffer.concat(chunks).subarray(
        Buffer.byteLength(text.slice(0, split + 4)),
      );
      const length = Number(headers['content-length'] ?? afterHeaders.length);
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: afterHeaders.subarray(0, length).toString('utf8'),
        rest: afterHeaders.subarray(length).toString('utf8'),
        elapsedMs: Date.now() - started,
      });
    };
    const timer = setTimeout(finish, giveUpMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', finish);
    // A server that answers before it has read everything may reset: what came is the answer.
    socket.on('error', finish);
    socket.write(request);
  });
}
