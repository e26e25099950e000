import { Router } from 'express';
import { hotlinesBoard, type HotlinesBoardDeps } from './hotlines-board';
import { sharedReading, streamEvents, type StreamTimers } from './event-stream';

/**
 * The studio's hotlines page, for every signed-in user (viewers too: it holds no phone number of
 * a caller): GET /studio/api/hotlines (HotlinesBoardSchema) and GET /studio/api/hotlines/stream,
 * the same as server-sent events every `streamEveryMs` (default 2 s) while it changes. One count
 * serves every request within `shareMs` (default half the interval, at most 1 s).
 */
export function studioHotlinesApi(deps: HotlinesBoardDeps & { streamEveryMs?: number; timers?: StreamTimers; shareMs?: number }): Router {
  const everyMs = deps.streamEveryMs ?? 2000;
  // Shared for a fraction of the interval (wall time): streams and page loads within it get one count.
  const board = sharedReading(() => hotlinesBoard(deps), deps.shareMs ?? Math.min(everyMs / 2, 1000));
  const router = Router();
  router.get('/hotlines', async (_req, res) => {
    res.json(await board());
  });
  router.get('/hotlines/stream', (req, res) => {
    streamEvents(req, res, { event: 'board', everyMs, read: board, ...(deps.timers ? { timers: deps.timers } : {}) });
  });
  return router;
}
