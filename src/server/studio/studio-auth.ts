import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ROLE_RANK, type StudioRole, type StudioUser } from '../../config/studio-users';
import { HttpError } from '../http-error';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Who signed in, on the request once `studioAuth` let it through. */
export type StudioViewer = { name: string; role: StudioRole };
const VIEWER = Symbol('studio viewer');
type WithViewer = Request & { [VIEWER]?: StudioViewer };

/**
 * The studio's API takes `Authorization: Bearer <token>` (a header, never an ambient cookie, so
 * another site cannot make a signed-in browser act), compared in constant time with every user's.
 */
export function studioAuth(users: readonly StudioUser[]): RequestHandler {
  const known = users.map((u) => ({ name: u.name, role: u.role, digest: digest(u.token) }));
  return (req, _res, next) => {
    const given = /^Bearer\s+(\S+)\s*$/i.exec(req.get('Authorization') ?? '')?.[1];
    const hashed = given === undefined ? undefined : digest(given);
    // Every user is compared, so the time taken does not say which one matched.
    let found: (typeof known)[number] | undefined;
    for (const u of known) if (hashed && timingSafeEqual(hashed, u.digest)) found = u;
    if (!found) return next(new HttpError(401, 'sign in: send Authorization: Bearer <your studio token> (STUDIO_USERS)'));
    (req as WithViewer)[VIEWER] = { name: found.name, role: found.role };
    next();
  };
}

/** The signed-in user of a request that passed `studioAuth`. */
export function viewerOf(req: Request): StudioViewer {
  const viewer = (req as WithViewer)[VIEWER];
  if (!viewer) throw new Error('studio route mounted without studioAuth');
  return viewer;
}

/** Refuses (403) a signed-in user whose role is below `role`. */
export function requireRole(role: StudioRole): RequestHandler {
  return (req, _res, next) => {
    const viewer = viewerOf(req);
    if (ROLE_RANK[viewer.role] < ROLE_RANK[role]) return next(new HttpError(403, `${viewer.name} is a ${viewer.role}; this needs a ${role}`));
    next();
  };
}

/** Whether this user may see phone numbers and comments unmasked (supervisors and designers). */
export const seesPersonalData = (viewer: StudioViewer): boolean => ROLE_RANK[viewer.role] >= ROLE_RANK.supervisor;
