import { createHash } from 'node:crypto';

/** One arm of a `split` node as the compiled machine carries it. */
export type WeightedVariant = { name: string; weight: number };

/** What makes a caller's draw: the same four give the same variant on every server, after any restart. */
export type VariantSeed = { caller: string; flowId: string; version: string; node: string };

/** A caller ID we can tell callers apart by: E.164, as the report's first-contact figure reads it. */
const isCallerNumber = (from: string) => /^\+\d{6,15}$/.test(from);

/**
 * Who a split remembers: the caller's number, or the call itself when the number is withheld or
 * anonymous (every such caller would otherwise share one variant).
 */
export function stickyCaller(call: { from: string; sid: string }): string {
  return isCallerNumber(call.from) ? call.from : `sid:${call.sid}`;
}

/**
 * A point in [0, 1) for a seed: the first 48 bits of a SHA-256, which spread evenly whatever the
 * numbers look like (consecutive numbers, one area code). Pure, so it needs no stored assignment.
 */
export function variantPoint(seed: VariantSeed): number {
  const digest = createHash('sha256').update(JSON.stringify([seed.caller, seed.flowId, seed.version, seed.node])).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/**
 * The variant a seed falls in, in proportion to the weights (a weight of 0 takes nobody). The
 * flow version is part of the seed: a new version may reshuffle callers, a running one never does.
 */
export function chooseVariant(variants: readonly WeightedVariant[], seed: VariantSeed): string {
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  const point = variantPoint(seed) * total;
  let upTo = 0;
  for (const v of variants) {
    upTo += v.weight;
    if (v.weight > 0 && point < upTo) return v.name;
  }
  // Only when rounding puts the point on the total: the last variant that takes anyone.
  return [...variants].reverse().find((v) => v.weight > 0)?.name ?? variants[0].name;
}
