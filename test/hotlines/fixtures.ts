import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DateTime } from 'luxon';

/** Raw contents of flows/hotlines.yaml, as the engine would load it. */
export function loadHotlinesYaml(): unknown {
  return parse(readFileSync(join(__dirname, '../../flows/hotlines.yaml'), 'utf8'));
}

/** Epoch ms of a Beijing wall-clock time, e.g. beijing('2026-06-01T23:59'). */
export function beijing(isoLocal: string): number {
  const dt = DateTime.fromISO(isoLocal, { zone: 'Asia/Shanghai' });
  if (!dt.isValid) throw new Error(`bad test time ${isoLocal}`);
  return dt.toMillis();
}
