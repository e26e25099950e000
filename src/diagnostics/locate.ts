/**
 * The way back from a data path (as zod and the graph checks report it) to
 * the line and column the designer typed it at, so every complaint about a
 * flow points at the text to edit rather than at an abstract path.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document } from 'yaml';

export type SourcePosition = { line: number; col: number };

/** Offset-to-position conversion for one parsed text (offsets are meaningless without it). */
export type PositionAt = (offset: number) => SourcePosition;

type Located = { keyOffset?: number; valueOffset?: number };

export function locateInDocument(
  doc: Document,
  path: ReadonlyArray<PropertyKey>,
  which: 'key' | 'value',
  at: PositionAt,
): SourcePosition {
  // The root has no key, and 1:1 is where a reader starts looking anyway
  // (even if the first node comes after a comment header).
  let found: Located = {};
  let node: unknown = doc.contents;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc); // an alias stands for its anchor's node
    const step = childOf(node, segment);
    if (!step) break;
    found = step.located;
    node = step.node;
  }
  const offset = which === 'key' ? (found.keyOffset ?? found.valueOffset) : (found.valueOffset ?? found.keyOffset);
  return offset === undefined ? { line: 1, col: 1 } : at(offset);
}

function childOf(node: unknown, segment: PropertyKey): { node: unknown; located: Located } | undefined {
  if (typeof segment === 'symbol') return undefined;
  if (isMap(node)) {
    // Data keys are strings (YAML `2:` is the number 2 but becomes key "2"),
    // so compare in string form, like toJS does when building objects.
    const pair = node.items.find((p) => keyString(p.key) === String(segment));
    if (!pair) return undefined;
    return {
      node: pair.value,
      // A key with no value (`next:`) has nowhere else to point than the key.
      located: { keyOffset: rangeStart(pair.key), valueOffset: rangeStart(pair.value) },
    };
  }
  if (isSeq(node)) {
    const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : NaN;
    const item: unknown = node.items[index];
    if (item === undefined) return undefined;
    // `[a: 1]` puts a bare pair in a flow sequence; toJS makes it a one-key map.
    if (isPair(item)) return { node: item, located: { valueOffset: rangeStart(item.key) } };
    return { node: item, located: { valueOffset: rangeStart(item) } };
  }
  if (isPair(node)) {
    if (keyString(node.key) !== String(segment)) return undefined;
    return { node: node.value, located: { keyOffset: rangeStart(node.key), valueOffset: rangeStart(node.value) } };
  }
  return undefined;
}

/** A mapping key as the data path spells it; undefined for keys that are not scalars. */
export function keyString(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null || key.value === undefined ? '' : String(key.value);
  return undefined;
}

export function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  // `key:` with nothing after it yields an empty null scalar positioned past
  // the colon (often beyond the end of the line); report the key instead.
  if (range && range[0] === range[1] && isScalar(node) && node.value === null) return undefined;
  return range?.[0];
}
