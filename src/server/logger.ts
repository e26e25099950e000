import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The server's logger. Each call logs through `logger.child({ callSid, hotline })`; phone numbers
 * are masked where they are logged, and these paths are redacted in case one slips through.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: ['req.headers.authorization', 'req.headers["x-twilio-signature"]', 'body', 'form', 'digits', 'code'], censor: '[redacted]' },
    },
    destination,
  );
}
