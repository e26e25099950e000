import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import type { StudioUser } from '../../config/studio-users';
import { HttpError } from '../http-error';
import { studioAuth, viewerOf } from './studio-auth';

/** Where `npm run build` (run by `npm ci`) puts the studio's page and scripts. */
export const STUDIO_ASSETS = resolve(__dirname, '../../../dist/studio');

/**
 * The browser may run only the studio's own scripts and talk only to this server: no inline
 * script, no other origin, no framing (clickjacking), no form posting elsewhere. Inline styles are
 * allowed: the diagram library positions nodes with them.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  next();
};

/**
 * The studio at /studio: its page and scripts (built into dist/studio), and its API under
 * /studio/api, every route behind a studio user's token (`api` routers check roles themselves).
 */
export function studioRoutes(opts: { users: readonly StudioUser[]; assetsDir?: string; api?: readonly Router[] }): Router {
  const assets = opts.assetsDir ?? STUDIO_ASSETS;
  const router = Router();
  router.use('/studio', securityHeaders);
  router.use('/studio/api', studioAuth(opts.users), express.json({ limit: '64kb' }));
  router.get('/studio/api/me', (req, res) => {
    res.json(viewerOf(req));
  });
  for (const api of opts.api ?? []) router.use('/studio/api', api);
  router.use('/studio/api', (req, _res, next) => next(new HttpError(404, `no studio route ${req.method} ${req.path}`)));
  router.use('/studio', express.static(assets, { index: 'index.html', fallthrough: true }));
  // Every other /studio path is a page of the single-page app.
  const singlePage: RequestHandler = (_req, res, next) => {
    const page = join(assets, 'index.html');
    if (!existsSync(page)) return next(new HttpError(503, 'the studio is not built: run `npm run build` (npm ci does it)'));
    res.sendFile(page);
  };
  router.get('/studio', singlePage);
  router.get('/studio/*rest', singlePage);
  return router;
}
