/**
 * Reads the config schema itself to learn which keys are valid at a given path, so unknown-key
 * messages can suggest the closest valid key without keeping a second list of keys.
 */
import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  items?: z.ZodType[];
  catchall?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The object schemas a value at this level may be validated by (wrappers and unions looked through). */
function objectSchemas(schema: z.ZodType, depth = 0): Array<Record<string, z.ZodType>> {
  if (depth > 20) return [];
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return def.shape ? [def.shape] : [];
    case 'pipe':
      return [...objectSchemas(def.in!, depth + 1), ...objectSchemas(def.out!, depth + 1)];
    case 'union':
      return (def.options ?? []).flatMap((o) => objectSchemas(o, depth + 1));
    default:
      return def.innerType ? objectSchemas(def.innerType, depth + 1) : [];
  }
}

/** The schema of the value one step down `segment` from a value validated by `schema`. */
function child(schema: z.ZodType, segment: PropertyKey, depth = 0): z.ZodType[] {
  if (depth > 20) return [];
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const field = typeof segment === 'string' ? def.shape?.[segment] : undefined;
      return field ? [field] : [];
    }
    case 'array':
      return typeof segment === 'number' ? [def.element!] : [];
    case 'tuple':
      return typeof segment === 'number' && def.items?.[segment] ? [def.items[segment]] : [];
    case 'record':
      return [def.valueType!];
    case 'pipe':
      return [...child(def.in!, segment, depth + 1), ...child(def.out!, segment, depth + 1)];
    case 'union':
      return (def.options ?? []).flatMap((o) => child(o, segment, depth + 1));
    default:
      return def.innerType ? child(def.innerType, segment, depth + 1) : [];
  }
}

/** Schemas that validate the value at `path` (several when unions are involved). */
export function schemasAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType[] {
  let current: z.ZodType[] = [root];
  for (const segment of path) current = current.flatMap((s) => child(s, segment));
  return current;
}

/** The valid keys of the object at `path`, in schema order (empty when the path is not an object). */
export function keysAt(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const schema of schemasAt(root, path)) {
    for (const shape of objectSchemas(schema)) for (const key of Object.keys(shape)) keys.add(key);
  }
  return [...keys];
}

/**
 * Child blocks of the object at `path` whose own keys include `key` — e.g. `voting_sensitivity` at
 * the top level belongs under `orchestrator`.
 */
export function blocksWithKey(root: z.ZodType, path: readonly PropertyKey[], key: string): string[] {
  const owners: string[] = [];
  for (const field of keysAt(root, path)) {
    if (keysAt(root, [...path, field]).includes(key)) owners.push(field);
    else if (keysAt(root, [...path, field, 0]).includes(key)) owners.push(field);
  }
  return owners;
}
