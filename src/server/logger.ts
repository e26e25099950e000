import pino, { type DestinationStream, type Logger } from 'pino';
import { scrubLogLine } from './scrub-log-line';

/**
 * Fields that never reach a log line: credentials and signatures in headers, request bodies and
 * Twilio forms (they hold the caller's number, keyed digits, SMS texts), one-time codes.
 */
const REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-twilio-signature"]',
  'headers.authorization',
  'headers["x-twilio-signature"]',
  'signature',
  'body',
  'req.body',
  'form',
  'digits',
  'code',
  'otp',
  'Body',
  'Digits',
  'From',
  'To',
];

/** A request, if one is ever logged: what was asked, never who asked nor what they sent. */
function requestSerializer(req: { method?: string; url?: string; originalUrl?: string }) {
  return { method: req.method, url: req.originalUrl ?? req.url };
}

/**
 * The server's logger. Each call logs through `logger.child({ callSid, hotline })`. Phone numbers
 * are masked where they are logged (maskPhone); the paths above are redacted, and every line is
 * scrubbed of phone numbers and e-mail addresses before it is written, in case one slips through.
 * Keyed digits are only logged outside sensitive entries (Await.sensitive: codes, account numbers).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err, req: requestSerializer },
      hooks: { streamWrite: scrubLogLine },
    },
    destination,
  );
}
