import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

/**
 * The one error type routes throw for an HTTP answer other than 200. Its message is shown to the
 * client as `{ "error": message }`, so it must say what to fix and hold nothing secret.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Maps every error to a JSON answer in one place; anything unexpected is logged and hidden. */
export function httpErrorHandler(logger: Logger, newId: () => string): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (err instanceof HttpError) {
      res.status(err.status).type('application/json').json({ error: err.message });
      return;
    }
    // body-parser's own errors (a malformed or oversized body) carry a 4xx status.
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).type('application/json').json({ error: status === 413 ? 'the request body is too large' : 'the request body could not be read' });
      return;
    }
    const incident = newId();
    logger.error({ err, incident, method: req.method, path: req.path }, 'unexpected error');
    res.status(500).type('application/json').json({ error: `internal error (incident ${incident})` });
  };
}
