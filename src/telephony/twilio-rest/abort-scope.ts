import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The AbortSignal of the Twilio call being made. twilio-node's RequestClient builds its axios
 * options itself and takes no signal, and `messages.create` passes none down; the client's axios
 * instance takes request interceptors, which read the signal of the call in progress from here.
 */
const scope = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` (one Twilio API call) so that its HTTP request is cancelled when `signal` aborts. */
export function withAbortSignal<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  if (!signal) return work();
  signal.throwIfAborted();
  return scope.run(signal, work);
}

export const currentAbortSignal = (): AbortSignal | undefined => scope.getStore();
