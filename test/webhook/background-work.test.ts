import { startBackgroundWork, type Timers } from '../../src/server/background-work';

/** Timers fired by hand: no waiting. */
function manualTimers() {
  const live = new Map<number, () => void>();
  let next = 1;
  const timers: Timers = {
    setInterval: (run) => (live.set(next, run), next++),
    clearInterval: (h) => void live.delete(h as number),
  };
  return { timers, live, tick: () => [...live.values()].forEach((run) => run()) };
}

describe('the server’s background work', () => {
  it('does not start a run while the previous one is still going, and waits for it when stopped', async () => {
    const { timers, tick, live } = manualTimers();
    let finish!: () => void;
    let runs = 0;
    const work = startBackgroundWork([{ name: 'sms-outbox', everyMs: 5000, run: () => (runs++, new Promise<void>((r) => (finish = r))) }], { logger: { error: jest.fn() }, timers });
    tick();
    tick();
    expect(runs).toBe(1);
    let stopped = false;
    const stopping = work.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(live.size).toBe(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
  });

  it('logs a failed run and runs again at the next interval; an interval of 0 never runs', async () => {
    const { timers, tick, live } = manualTimers();
    const error = jest.fn();
    let runs = 0;
    const work = startBackgroundWork(
      [
        {
          name: 'sweep-calls',
          everyMs: 60_000,
          run: async () => {
            if (runs++ === 0) throw new Error('database is locked');
          },
        },
        { name: 'off', everyMs: 0, run: async () => undefined },
      ],
      { logger: { error }, timers },
    );
    expect(live.size).toBe(1);
    tick();
    // Let the failed run settle (promise callbacks only; no time passes).
    await new Promise(setImmediate);
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ task: 'sweep-calls', err: expect.objectContaining({ message: 'database is locked' }) }), expect.any(String));
    tick();
    await work.stop();
    expect(runs).toBe(2);
  });
});
