import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { verifySignature } from '../telephony/twilio/verify-signature';
import type { WebhookUrls } from '../telephony/twilio/webhook-urls';
import { HttpError } from './http-error';

/**
 * Refuses any /twilio/* request whose X-Twilio-Signature does not match PUBLIC_BASE_URL + path +
 * query and its form, with a 403 that is logged without the body. `check: false` exists for local
 * experiments only; the config refuses it in production and start-up warns loudly.
 */
export function requireTwilioSignature(opts: { authToken: string; urls: WebhookUrls; check: boolean; logger: Logger }): RequestHandler {
  return (req, res, next) => {
    if (!opts.check) return next();
    const signature = req.get('X-Twilio-Signature');
    const verdict = verifySignature(opts.authToken, signature, opts.urls.signed(req.originalUrl), (req.body ?? {}) as Record<string, unknown>);
    if (verdict === 'valid') return next();
    // The operator's hint (which URL was checked) goes to the log only: the answer must not tell a
    // stranger the server's public address or how signatures are formed.
    opts.logger.warn({ path: req.originalUrl, verdict, ip: req.ip, checkedAgainst: opts.urls.signed(req.originalUrl) }, 'refused a webhook: Twilio signature %s (is PUBLIC_BASE_URL the address Twilio calls?)', verdict);
    next(new HttpError(403, `X-Twilio-Signature is ${verdict}`));
  };
}
