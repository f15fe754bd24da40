/**
 * What every response carries and what every request must be, before any route runs:
 * - security headers on every page and answer: a CSP with no inline script (the room's
 *   token is in the page URL), no framing, no MIME sniffing, no referrer;
 * - the API takes JSON bodies only (a cross-origin form or `text/plain` POST is a
 *   "simple request" a browser sends without asking: it must not create a room);
 * - a browser request from another origin (its `Origin` header) is refused, on the API
 *   and on the WebSocket upgrade alike. Requests without `Origin` (scripts, the stock
 *   client in Node) are not browsers' cross-origin requests and pass.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from '../log';
import { clientAddress } from './clientAddress';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Solid and d3 set styles through the CSSOM, which CSP does not govern; inline style
  // attributes in the built page are allowed, inline script never.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    c.res.headers.set('X-Frame-Options', 'DENY');
  };
}

/**
 * Origins allowed besides the server's own (the `Host` it was asked by): `VNETLAB_ORIGINS`,
 * comma-separated (`https://lab.example.org,http://localhost:5173`).
 */
export function allowedOrigins(value: string | undefined): ReadonlySet<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter((origin) => origin !== ''),
  );
}

/** True if the request has no `Origin` or one that is this server's or allowed. */
export function originAllowed(c: Context, allowed: ReadonlySet<string>): boolean {
  const origin = c.req.header('Origin');
  if (origin === undefined) return true;
  if (allowed.has(origin)) return true;
  try {
    return new URL(origin).host === c.req.header('Host');
  } catch {
    return false; // "null" (a sandboxed frame, a file) and garbage
  }
}

export function checkOrigin(allowed: ReadonlySet<string>, log: Logger): MiddlewareHandler {
  return async (c, next) => {
    if (!originAllowed(c, allowed)) {
      log('origin-rejected', { path: c.req.path, origin: c.req.header('Origin'), remote: clientAddress(c) });
      return c.json({ error: 'requests from another origin are not accepted', errors: [] }, 403);
    }
    await next();
    return undefined;
  };
}

/** A body on the API must say it is JSON; an empty one (`POST /api/labs` alone) need not. */
export function jsonBodiesOnly(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') return next();
    const length = c.req.header('Content-Length');
    const hasBody =
      (length !== undefined && length !== '0') || c.req.header('Transfer-Encoding') !== undefined;
    const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
    if ((hasBody || type !== undefined) && type !== 'application/json') {
      return c.json({ error: 'send the body as JSON (Content-Type: application/json)', errors: [] }, 415);
    }
    await next();
    return undefined;
  };
}
