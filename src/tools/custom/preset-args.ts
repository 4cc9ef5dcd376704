/**
 * `preset_args`: arguments filled in by MassGen-TS at call time. They are removed from the schema the
 * model sees, and override whatever the model sends under the same names.
 */
import type { JsonSchemaObject } from '../types.js';

/** `schema` without the preset parameters (in `properties` and `required`). */
export function hidePresetArgs(schema: JsonSchemaObject, preset: Record<string, unknown>): JsonSchemaObject {
  const keys = new Set(Object.keys(preset));
  if (keys.size === 0) return schema;
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).filter(([k]) => !keys.has(k)),
  );
  const out: JsonSchemaObject = { ...schema, properties };
  if (Array.isArray(schema.required)) out.required = schema.required.filter((k) => !keys.has(String(k)));
  return out;
}

/** The model's arguments with the preset ones filled in (preset wins). */
export function withPresetArgs(input: unknown, preset: Record<string, unknown>): Record<string, unknown> {
  const given = typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {};
  return { ...(given as Record<string, unknown>), ...preset };
}
