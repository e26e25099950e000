import { maskPhone } from '../../hotlines';
import type { CallPlacer } from './call-placer';

/**
 * Development without a Twilio account: a call back is not placed, only logged (masked number), and
 * the placer says so by throwing, so the job is not recorded as a call made. Production always has
 * TWILIO_ACCOUNT_SID.
 */
export class CallsNotPlacedError extends Error {
  readonly code = 'CALLS_NOT_PLACED';
}

export function logOnlyCallPlacer(log: (fields: Record<string, unknown>, msg: string) => void): CallPlacer {
  return {
    async place({ to, from }) {
      log({ to: maskPhone(to), from }, 'call back not placed (TWILIO_ACCOUNT_SID is not set)');
      throw new CallsNotPlacedError('calls are not placed without a Twilio account (set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN)');
    },
  };
}
