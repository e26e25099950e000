/**
 * Answers with `late()` if `work` has not finished within `ms`, so a webhook always replies before
 * Twilio gives up (15 s). The work goes on and sees `signal.aborted`, so it can store what the
 * caller was actually told instead of its own answer.
 */
export async function withinDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>, late: () => T): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const running = work(controller.signal);
  // Once the deadline has answered, a later failure of the work is its own business (it logs).
  running.catch(() => undefined);
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(late());
    }, ms);
  });
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
