/**
 * Runs the requests of one call one after another inside this process, so a retry that arrives
 * while the first delivery is still working waits and is answered from what the first one stored,
 * instead of performing the turn's effects a second time. Across processes the session store's
 * compare-and-set decides.
 */
export type CallLocks = { run<T>(callSid: string, work: () => Promise<T>): Promise<T> };

export function callLocks(): CallLocks {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(callSid, work) {
      const previous = tails.get(callSid) ?? Promise.resolve();
      const result = previous.then(work, work);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(callSid, tail);
      void tail.then(() => {
        if (tails.get(callSid) === tail) tails.delete(callSid);
      });
      return result;
    },
  };
}
