/**
 * TwiML written straight into a string, escaped exactly as the Twilio SDK's VoiceResponse (via
 * xmlbuilder) escapes it: same declaration, attribute order, empty-element form and entities,
 * so the bytes are the SDK's (test/telephony/twiml-writer.test.ts compares them). The SDK builds
 * a DOM per reply, which the profile showed as ~4 % of a turn.
 */
export type Attrs = Record<string, string | number | boolean | readonly string[] | undefined>;

const ILLEGAL = /[\0-\x08\x0B\f\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

function legal(s: string): string {
  if (ILLEGAL.test(s)) throw new Error(`TwiML cannot hold the character at ${s.search(ILLEGAL)} of ${JSON.stringify(s)} (XML 1.0 forbids it)`);
  return s;
}

export function escapeText(s: string): string {
  return legal(s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;'));
}

export function escapeAttr(s: string): string {
  return legal(s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;'));
}

function attributes(attrs: Attrs | undefined): string {
  let out = '';
  if (attrs) {
    for (const key of Object.keys(attrs)) {
      const v = attrs[key];
      if (v === undefined) continue;
      out += ` ${key}="${escapeAttr(Array.isArray(v) ? v.join(' ') : String(v))}"`;
    }
  }
  return out;
}

/** One element: `<Name a="1">text or children</Name>`, or `<Name a="1"/>` when empty. */
export function element(name: string, attrs?: Attrs, content?: { text: string } | { children: string }): string {
  const inner = content === undefined ? '' : 'text' in content ? escapeText(content.text) : content.children;
  return inner === '' ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${inner}</${name}>`;
}

/** The whole document around the verbs. */
export function response(verbs: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${element('Response', undefined, { children: verbs })}`;
}
