// The bare page the time-to-usable figures are compared with: one static HTML file with the
// same two "usable" markers and nothing else (no script, no stylesheet, no data), from a tiny
// HTTP server on 127.0.0.1. It may be cached for an hour, so a repeat visit comes from the HTTP
// cache — the bare page's counterpart of the app's service worker.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const HTML = `<!doctype html>
<html lang="de">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Baseline</title>
  </head>
  <body>
    <main>
      <p data-testid="store-state">Jetzt geöffnet bis 16:00 Uhr</p>
      <nav aria-label="Hauptmenü">
        <ul>
          <li><a href="#anruf">Anruf eintragen</a></li>
          <li><a href="#angebote">Angebote</a></li>
        </ul>
      </nav>
    </main>
  </body>
</html>
`;

export interface BaselineServer {
  url: string;
  close(): Promise<void>;
}

export async function startBaselineServer(): Promise<BaselineServer> {
  const server = createServer((request, response) => {
    if (request.url === '/' || request.url?.startsWith('/?')) {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'max-age=3600',
      });
      response.end(HTML);
    } else {
      response.writeHead(404, { 'cache-control': 'max-age=3600' });
      response.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
