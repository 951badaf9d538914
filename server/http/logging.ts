// Logger options for Fastify's pino. Logs carry no personal data: no query strings (a pull
// cookie names a quarter and a device's position; later endpoints carry more), no headers
// (authorization, cookies), no IP addresses or user agents. What stays is enough to operate
// the server: method, path, status, timing, request id, and errors with their stack.
import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from '../config';

/** Where log lines go; anything with `write` (process.stdout, or a test's collector). */
export interface LogStream {
  write(line: string): void;
}

interface RequestLike {
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
}

export function loggerOptions(level: LogLevel, stream?: LogStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (request: RequestLike) => ({
        method: request.method,
        // The route pattern (`/api/v1/pull`), or for static files (route `/*`) the bare path.
        url: routeOrPath(request),
      }),
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
    },
    // Belt and braces, should anyone log a request or its headers directly.
    redact: {
      paths: [
        'req.headers',
        'req.query',
        'req.remoteAddress',
        'headers.authorization',
        'headers.cookie',
        '*.headers.authorization',
        '*.headers.cookie',
      ],
      remove: true,
    },
  };
}

function routeOrPath(request: RequestLike): string | undefined {
  const route = request.routeOptions?.url;
  return route && !route.includes('*') ? route : pathOnly(request.url);
}

export function pathOnly(url: string | undefined): string | undefined {
  return url?.split('?')[0];
}
