/**
 * Which keys a zod schema allows at a data path. zod v4 issues no longer
 * carry the schema, so an "unknown key" issue cannot say what was meant;
 * walking the schema ourselves is the only way to offer a did-you-mean.
 */
import type { z } from 'zod';
import { isPlainObject } from './data-path';

/**
 * Just enough of zod v4's definition shape (`_zod.def`, present on every
 * schema) to follow a data path. Read structurally because zod's public types
 * offer no uniform way to walk into arbitrary schemas; anything unfamiliar
 * simply yields no keys, which only costs a suggestion, never correctness.
 */
type LooseSchema = {
  _zod: {
    def: LooseDef;
    propValues?: Record<string, Set<unknown>>;
    values?: Set<unknown>;
  };
};
type LooseDef = {
  type: string;
  innerType?: LooseSchema;
  getter?: () => LooseSchema;
  in?: LooseSchema;
  out?: LooseSchema;
  options?: LooseSchema[];
  discriminator?: string;
  left?: LooseSchema;
  right?: LooseSchema;
  shape?: Record<string, LooseSchema>;
  catchall?: LooseSchema;
  element?: LooseSchema;
  items?: LooseSchema[];
  rest?: LooseSchema | null;
  keyType?: LooseSchema;
  valueType?: LooseSchema;
};

// Recursive flow schemas are built with z.lazy; the depth cap keeps a
// self-referential schema from looping while unwrapping.
const MAX_UNWRAP_DEPTH = 32;

/** Keys an object schema at `path` declares (or a record's enumerated keys). */
export function knownKeysAt(schema: z.core.$ZodType, path: ReadonlyArray<PropertyKey>, data: unknown): string[] {
  let schemas: LooseSchema[] = [schema as unknown as LooseSchema];
  let value = data;
  for (const segment of path) {
    schemas = schemas.flatMap((s) => unwrap(s, value, 0)).flatMap((s) => {
      const child = childSchema(s, segment);
      return child ? [child] : [];
    });
    value = isPlainObject(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
  }
  const keys = new Set<string>();
  for (const s of schemas.flatMap((x) => unwrap(x, value, 0))) {
    const def = s._zod.def;
    if (def.type === 'object' && def.shape) Object.keys(def.shape).forEach((k) => keys.add(k));
    if (def.type === 'record') {
      for (const k of def.keyType?._zod.values ?? []) if (typeof k === 'string') keys.add(k);
    }
  }
  return [...keys];
}

/** Strips wrappers (optional, default, lazy, pipe…) and fans out unions to the shapes that could apply to `value`. */
function unwrap(schema: LooseSchema, value: unknown, depth: number): LooseSchema[] {
  if (depth > MAX_UNWRAP_DEPTH) return [];
  const def = schema._zod.def;
  const next = (s: LooseSchema | undefined | null) => (s ? unwrap(s, value, depth + 1) : []);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
    case 'success':
      return next(def.innerType);
    case 'lazy':
      return def.getter ? next(def.getter()) : [];
    case 'pipe':
      return [...next(def.in), ...next(def.out)];
    case 'intersection':
      return [...next(def.left), ...next(def.right)];
    case 'union': {
      const options = def.options ?? [];
      const tag = def.discriminator;
      if (tag !== undefined && isPlainObject(value)) {
        // Only the variant the data claims to be is relevant: suggesting a
        // key from a different node type would mislead.
        const matching = options.filter((o) => o._zod.propValues?.[tag]?.has(value[tag]));
        if (matching.length > 0) return matching.flatMap(next);
      }
      return options.flatMap(next);
    }
    default:
      return [schema];
  }
}

function childSchema(schema: LooseSchema, segment: PropertyKey): LooseSchema | undefined {
  const def = schema._zod.def;
  switch (def.type) {
    case 'object': {
      const own = typeof segment === 'string' ? def.shape?.[segment] : undefined;
      return own ?? (def.catchall && def.catchall._zod.def.type !== 'never' ? def.catchall : undefined);
    }
    case 'record':
      return def.valueType;
    case 'array':
      return def.element;
    case 'tuple':
      return (typeof segment === 'number' ? def.items?.[segment] : undefined) ?? def.rest ?? undefined;
    default:
      return undefined;
  }
}
