import type { Logger } from 'pino';

/** The two timer functions background work uses; tests hand in their own and fire them by hand. */
export type Timers = {
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
};
export const realTimers: Timers = {
  setInterval: (run, ms) => setInterval(run, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export type BackgroundTask = { name: string; everyMs: number; run: () => Promise<unknown> };

/**
 * Runs each task every `everyMs` (0: never) for as long as the services live: the SMS outbox
 * flush, the sweep of abandoned calls. A run still going when the next is due is not doubled; a
 * failure is logged and the next run tries again. `stop()` clears the timers and waits for runs
 * in progress, so the database can be closed after it.
 */
export function startBackgroundWork(tasks: readonly BackgroundTask[], opts: { logger: Pick<Logger, 'error'>; timers?: Timers }) {
  const timers = opts.timers ?? realTimers;
  const running = new Map<string, Promise<unknown>>();
  const handles = tasks
    .filter((t) => t.everyMs > 0)
    .map((task) =>
      timers.setInterval(() => {
        if (running.has(task.name)) return;
        const run = task
          .run()
          .catch((err: unknown) => opts.logger.error({ err, task: task.name }, 'background work failed; it runs again at its next interval'))
          .finally(() => running.delete(task.name));
        running.set(task.name, run);
      }, task.everyMs),
    );
  return {
    async stop(): Promise<void> {
      for (const h of handles) timers.clearInterval(h);
      handles.length = 0;
      await Promise.all(running.values());
    },
  };
}
export type BackgroundWork = ReturnType<typeof startBackgroundWork>;
