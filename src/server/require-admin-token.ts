import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './http-error';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * `Authorization: Bearer $ADMIN_TOKEN` (or another token, named by `variable`, e.g. METRICS_TOKEN),
 * compared in constant time (both sides hashed first, so their lengths match and the length of
 * the token does not leak either).
 */
export function requireAdminToken(token: string, variable = 'ADMIN_TOKEN'): RequestHandler {
  const expected = digest(token);
  return (req, _res, next) => {
    const given = /^Bearer\s+(\S+)\s*$/i.exec(req.get('Authorization') ?? '')?.[1];
    if (!given || !timingSafeEqual(digest(given), expected)) {
      next(new HttpError(401, `send Authorization: Bearer <${variable}>`));
      return;
    }
    next();
  };
}
