import { timingSafeEqual } from 'node:crypto';
// The webhooks module alone: the SDK's index would load its REST client (axios, jsonwebtoken) at
// start, which a server that only checks signatures never uses.
import { getExpectedTwilioSignature, validateRequest } from 'twilio/lib/webhooks/webhooks';

export type SignatureCheck = 'valid' | 'missing' | 'invalid';

/**
 * Checks X-Twilio-Signature against the URL Twilio requested (PUBLIC_BASE_URL + path + query, not
 * the address that reached us behind a proxy) and the posted form. The SDK's validateRequest is
 * called directly: `twilio.webhook()` ignores a token passed in its options object.
 */
export function verifySignature(authToken: string, signature: string | undefined, signedUrl: string, params: Record<string, unknown>): SignatureCheck {
  if (!signature) return 'missing';
  // Twilio signs the URL exactly as configured, which is what we rebuild: one HMAC, by the SDK.
  // validateRequest tries that URL with and without a port and in normalised forms, parsing it up
  // to six times per request; it remains the check whenever the exact URL does not match.
  if (sameSignature(signature, getExpectedTwilioSignature(authToken, signedUrl, params))) return 'valid';
  return validateRequest(authToken, signature, signedUrl, params) ? 'valid' : 'invalid';
}

/** Constant-time comparison (a signature's length is fixed by SHA-1, so comparing it first leaks nothing). */
function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The signature Twilio would send: what test helpers and `ivr call --via` sign requests with. */
export function signRequest(authToken: string, url: string, params: Record<string, string>): string {
  return getExpectedTwilioSignature(authToken, url, params);
}
