/**
 * A CPU profile's self time by layer of a webhook turn (HTTP, Express, the signature, the stores,
 * the flow runtime, TwiML, logging…), as shares of the time the server was not idle, so two
 * profiles of the same load can be compared layer by layer.
 *
 *   node dist/bench/profile-layers.js <file.cpuprofile> [another.cpuprofile]
 */
import { readFileSync } from 'node:fs';

type Frame = { functionName: string; url: string };
type Profile = { nodes: { id: number; callFrame: Frame }[]; samples: number[]; timeDeltas: number[] };

/** First match wins: more specific places before the packages they call into. */
const LAYERS: readonly [string, (f: Frame) => boolean][] = [
  ['idle', (f) => f.functionName === '(idle)'],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['start-up (loading modules)', (f) => /node:internal\/modules|wrapSafe|compileForInternalLoader/.test(f.url + f.functionName) || /node_modules\/yaml\//.test(f.url)],
  ['SQLite (driver, commits, stores)', (f) => /better-sqlite3|\/stores\/(sqlite|turns|session\/sqlite|calls\/sqlite)\//.test(f.url)],
  ['flow runtime (xstate, machine, steps)', (f) => /node_modules\/xstate|\/flow\/|\/call\//.test(f.url)],
  ['TwiML (twilio SDK builder)', (f) => /xmlbuilder|twilio\/lib\/twiml|\/telephony\/twilio\/(render-twiml|prompt-fragments)/.test(f.url)],
  ['signature check (HMAC)', (f) => /twilio\/lib\/webhooks|verify-signature|node:internal\/crypto/.test(f.url) || f.functionName === 'Hmac'],
  ['Express, body parsing, routing', (f) => /node_modules\/(express|router|body-parser|raw-body|qs|type-is|content-type|parseurl|path-to-regexp|mime-types|media-typer|finalhandler|on-finished|iconv-lite|depd|http-errors|statuses)\//.test(f.url)],
  ['HTTP and sockets (Node)', (f) => /node:(_http|net|internal\/streams|internal\/stream_base|events|internal\/http|buffer)/.test(f.url) || ['writev', 'writeUtf8String', 'writeString', 'utf8Write', 'writeBuffer'].includes(f.functionName)],
  ['logging (pino, scrubbing)', (f) => /node_modules\/(pino|sonic-boom|pino-std-serializers|fast-redact|quick-format-unescaped)|scrub-log-line|\/server\/logger/.test(f.url)],
  ['metrics (prom-client)', (f) => /prom-client|\/metrics\//.test(f.url)],
  ['validation (zod)', (f) => /node_modules\/zod/.test(f.url)],
  ['phone numbers (libphonenumber)', (f) => /libphonenumber|\/hotlines\//.test(f.url)],
  ['SMS guard, caps, outbox, surveys', (f) => /\/services\/(sms|survey)\//.test(f.url)],
  ['webhook and services code', (f) => /\/(server|services|telephony)\//.test(f.url)],
];

export function profileLayers(file: string): Map<string, number> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const frame = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byLayer = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = frame.get(id)!;
    const layer = LAYERS.find(([, match]) => match(f))?.[0] ?? 'other (microtasks, timers, the rest)';
    byLayer.set(layer, (byLayer.get(layer) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return byLayer;
}

/** Shares of the busy time (everything but idle and start-up), one column per profile. */
export function renderLayers(files: readonly string[]): string {
  const columns = files.map(profileLayers);
  const busy = columns.map((c) => [...c.entries()].filter(([k]) => k !== 'idle' && !k.startsWith('start-up')).reduce((n, [, us]) => n + us, 0));
  const names = [...new Set(columns.flatMap((c) => [...c.keys()]))].filter((k) => k !== 'idle' && !k.startsWith('start-up'));
  names.sort((a, b) => (columns[columns.length - 1].get(b) ?? 0) - (columns[columns.length - 1].get(a) ?? 0));
  const pct = (c: number, name: string) => `${((100 * (columns[c].get(name) ?? 0)) / busy[c]).toFixed(1)} %`;
  return [`| layer | ${files.map((_, i) => `profile ${i + 1}`).join(' | ')} |`, `| --- | ${files.map(() => '---').join(' | ')} |`, ...names.map((n) => `| ${n} | ${columns.map((_, c) => pct(c, n)).join(' | ')} |`)].join('\n');
}

if (require.main === module) process.stdout.write(`${renderLayers(process.argv.slice(2))}\n`);
