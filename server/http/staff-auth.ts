// Staff authentication (issue 10): the staff screens run in a browser with a session cookie
// (`qb_staff`, src/shared/staff/staff-session.ts), never with a device credential.
// - Every request under /api/v1/staff that carries an `Authorization` header is refused (403):
//   that is a tablet, and a volunteer's tablet must not reach staff data whoever signed in on it.
// - State-changing requests (not GET/HEAD) whose `Sec-Fetch-Site` (or, from older browsers,
//   `Origin`) says they come from another site are refused (403) — sign-in included, so no other page can sign someone
//   in or act in their name. SameSite=Strict keeps the cookie off such requests too; this is
//   the second lock.
// - `requireStaff` (a preHandler) resolves the cookie to a live session of a staff member or
//   admin who is not disabled (repos/staff-session.repo.ts) and sets `request.staff`; without
//   one: 401 `staff_unauthorized`. Each use moves the idle limit on.
// The cookie is HttpOnly (scripts never see it), SameSite=Strict, Path=/api/v1/staff (sent to
// nothing else), Secure when the request came over https (as Fastify sees it: TRUST_PROXY lets
// it believe the proxy's X-Forwarded-Proto), and lives at most the session's absolute lifetime.
import cookie from '@fastify/cookie';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preHandlerAsyncHookHandler,
} from 'fastify';
import type { Kysely } from 'kysely';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import { STAFF_COOKIE, STAFF_SESSION_HOURS } from '../../src/shared/staff/staff-session';
import type { Database } from '../db/tables';
import { ForbiddenError, StaffUnauthorizedError } from '../errors';
import { resolveStaffSession, type StaffSessionToken } from '../repos/staff-session.repo';

/** Who is acting on a staff request (after `requireStaff`). */
export interface StaffActor {
  userId: string;
  name: string;
  role: 'staff' | 'admin';
  quarterId: string;
  sessionId: string;
  quarterName: string;
  /** When the session ends if unused from now on. */
  idleExpiresAt: Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireStaff`; null on other routes. */
    staff: StaffActor | null;
  }
}

export interface StaffAuth {
  requireStaff: preHandlerAsyncHookHandler;
}

export type Clock = () => Date;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// `<uuid>.<32 bytes base64url>`; anything else is not looked up at all.
const TOKEN = /^([0-9A-Za-z-]{1,64})\.([0-9A-Za-z_-]{16,128})$/;

export async function installStaffAuth(
  app: FastifyInstance,
  db: Kysely<Database>,
  clock: Clock,
): Promise<StaffAuth> {
  await app.register(cookie);
  app.decorateRequest('staff', null);
  app.addHook('onRequest', async (request, reply) => {
    if (!isStaffUrl(request.url)) return;
    reply.header('cache-control', 'no-store');
    if (request.headers.authorization !== undefined) {
      throw new ForbiddenError('Die Team-Ansicht ist nicht für angemeldete Geräte.');
    }
    if (!SAFE_METHODS.has(request.method) && isCrossSite(request)) {
      throw new ForbiddenError('Diese Anfrage kommt von einer fremden Seite.');
    }
  });
  const requireStaff: preHandlerAsyncHookHandler = async (request, reply) => {
    const token = parseStaffCookie(request.cookies[STAFF_COOKIE]);
    const session = token && (await resolveStaffSession(db, token, clock()));
    if (!session) {
      if (token) clearStaffCookie(request, reply);
      throw new StaffUnauthorizedError();
    }
    request.staff = {
      userId: session.userId,
      name: session.name,
      role: session.role,
      quarterId: session.quarterId,
      sessionId: session.sessionId,
      quarterName: session.quarterName,
      idleExpiresAt: session.idleExpiresAt,
    };
  };
  return { requireStaff };
}

/** The staff member of a request behind `requireStaff`; a missing one is a wiring bug (500). */
export function staffOf(request: FastifyRequest): StaffActor {
  if (!request.staff) throw new Error('route is missing the requireStaff preHandler');
  return request.staff;
}

/** Sets the session cookie after a sign-in. */
export function setStaffCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(STAFF_COOKIE, token, {
    ...cookieOptions(request),
    maxAge: STAFF_SESSION_HOURS * 3600,
  });
}

/** Tells the browser to forget the cookie (sign-out, or a session that ended). */
export function clearStaffCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(STAFF_COOKIE, cookieOptions(request));
}

function cookieOptions(request: FastifyRequest) {
  return {
    path: STAFF_PREFIX,
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: request.protocol === 'https',
  };
}

function parseStaffCookie(value: string | undefined): StaffSessionToken | undefined {
  if (value === undefined) return undefined;
  const match = TOKEN.exec(value);
  if (!match?.[1] || !match[2]) return undefined;
  return { sessionId: match[1], secret: match[2] };
}

function isStaffUrl(url: string): boolean {
  return (
    url === STAFF_PREFIX || url.startsWith(`${STAFF_PREFIX}/`) || url.startsWith(`${STAFF_PREFIX}?`)
  );
}

/**
 * True when the browser says the request comes from another site. `Sec-Fetch-Site` decides
 * where the browser sends it (browsers set it, pages cannot): only `same-origin` and `none`
 * pass. Older browsers send only `Origin`: its host must be this server's as the request
 * arrived (the scheme is not compared — behind a TLS proxy without TRUST_PROXY the server sees
 * http while the page is https). Neither header (curl, tests) is not refused: the SameSite=Strict
 * cookie is then the lock, and sign-in needs the password anyway.
 */
function isCrossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== request.host;
  } catch {
    return true; // `null` (a sandboxed page, a redirect) or garbage: not ours
  }
}
