import type { Request, Response } from 'express';

/** How a stream waits between looks; tests pass their own. */
export type StreamTimers = { setInterval(run: () => void, ms: number): unknown; clearInterval(handle: unknown): void };
export const realTimers: StreamTimers = {
  setInterval: (run, ms) => setInterval(run, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/**
 * Server-sent events (text/event-stream) of `read()`: sent at once, then every `everyMs` when it
 * changed, with a comment line otherwise so proxies keep the connection; stops when the browser
 * goes away. The page reads it with fetch() rather than EventSource, so the token stays in the
 * Authorization header (EventSource cannot send one, and a token in the URL ends up in logs).
 */
export function streamEvents<T>(req: Request, res: Response, opts: { event: string; everyMs: number; read: () => Promise<T>; timers?: StreamTimers }): void {
  const timers = opts.timers ?? realTimers;
  res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
  let last = '';
  let busy = false;
  let closed = false;
  const send = async () => {
    if (busy || closed) return;
    busy = true;
    try {
      const data = JSON.stringify(await opts.read());
      if (closed) return;
      if (data === last) res.write(': unchanged\n\n');
      else res.write(`event: ${opts.event}\ndata: ${data}\n\n`);
      last = data;
    } catch (err) {
      // The page shows the error and keeps the last figures; the next look may succeed.
      if (!closed) res.write(`event: problem\ndata: ${JSON.stringify({ error: err instanceof Error ? err.message : String(err) })}\n\n`);
    } finally {
      busy = false;
    }
  };
  const handle = timers.setInterval(() => void send(), opts.everyMs);
  res.on('close', () => {
    closed = true;
    timers.clearInterval(handle);
  });
  void send();
}

/**
 * One reading shared by every stream and request within `freshMs`: ten open wallboards cost the
 * server one count, not ten, and never two at once. `forget()` after a change the reader must see.
 */
export function sharedReading<T>(read: () => Promise<T>, freshMs: number, now: () => number = Date.now): (() => Promise<T>) & { forget(): void } {
  let cached: { at: number; value: Promise<T> } | undefined;
  const get = () => {
    const t = now();
    if (!cached || t - cached.at >= freshMs) {
      const value = read();
      const entry = { at: t, value };
      cached = entry;
      value.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.value;
  };
  return Object.assign(get, { forget: () => void (cached = undefined) });
}
