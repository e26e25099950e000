// fast-xml-parser is a development dependency: only the simulated caller (`ivr call --via`) and
// the tests read TwiML; the server only writes it.
import { XMLParser } from 'fast-xml-parser';

/** One TwiML verb as a caller would meet it: name, attributes, text, nested verbs. */
export type TwimlVerb = { verb: string; attrs: Record<string, string>; text: string; children: TwimlVerb[] };

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, trimValues: true });

/** The verbs inside <Response>, in order. Throws when the document is not TwiML. */
export function parseTwiml(xml: string): TwimlVerb[] {
  const doc = parser.parse(xml) as Node[];
  const response = doc.find((n) => 'Response' in n);
  if (!response) throw new Error(`not TwiML (no <Response>): ${xml.slice(0, 120)}`);
  return toVerbs(response.Response as Node[]);
}

function toVerbs(nodes: Node[]): TwimlVerb[] {
  const verbs: TwimlVerb[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
    if (!name) continue;
    const inner = (node[name] as Node[]) ?? [];
    verbs.push({
      verb: name,
      attrs: { ...(node[':@'] ?? {}) },
      text: inner.map((c) => (typeof c['#text'] === 'string' ? c['#text'] : '')).join(''),
      children: toVerbs(inner),
    });
  }
  return verbs;
}
