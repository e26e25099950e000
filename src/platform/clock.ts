/** The only way code learns the time. Tests and simulations drive a simulated clock instead of sleeping. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export class SimulatedClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(at: number): void {
    this.current = at;
  }
}

/** Parses "2026-11-23T21:00:00+08:00" (a zone is required, so the server's zone never matters). */
export function parseInstant(text: string): number {
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(text)) throw new Error(`time "${text}" needs a zone, e.g. 2026-11-23T21:00:00+08:00`);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`time "${text}" is not an ISO 8601 time such as 2026-11-23T21:00:00+08:00`);
  return ms;
}
