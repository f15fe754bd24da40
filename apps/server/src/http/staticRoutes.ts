/**
 * The built web app (`apps/web/dist`) on the same port: its files as they are, and
 * `index.html` for `/`, for the page of a room, `/r/:room`, and for a class's dashboard, `/c/:class`. Served only once the
 * folder exists (the web app is built before the server starts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';

export function staticRoutes(webDist: string): Hono {
  const app = new Hono();
  let files: MiddlewareHandler | undefined;
  let page: MiddlewareHandler | undefined;
  const ready = () => {
    if (!files && existsSync(join(webDist, 'index.html'))) {
      files = serveStatic({ root: webDist });
      page = serveStatic({ root: webDist, path: 'index.html' });
    }
    return files !== undefined;
  };
  app.get('/r/:room', async (c, next) => (ready() && page ? page(c, next) : next()));
  // The instructor's dashboard of a class (CLASS-1 `url`).
  app.get('/c/:class', async (c, next) => (ready() && page ? page(c, next) : next()));
  app.get('*', async (c, next) => (ready() && files ? files(c, next) : next()));
  return app;
}
