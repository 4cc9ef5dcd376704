/**
 * A custom tool's parameter schema from what a module exports: a zod schema (any Standard Schema
 * with JSON Schema output) or a plain JSON Schema object. Zod schemas also validate the arguments.
 */
import { asSchema, type FlexibleSchema } from 'ai';
import type { JsonSchemaObject } from '../types.js';

/** A schema ready to use: what the model sees, and an optional validator. */
export interface ParameterSchema {
  jsonSchema: JsonSchemaObject;
  /** Validates (and may transform) the arguments; absent for plain JSON Schema. */
  validate?: (value: unknown) => Promise<{ ok: true; value: unknown } | { ok: false; message: string }>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Whether a value is a Standard Schema (zod ≥ 3.24, valibot, arktype, …). */
export function isStandardSchema(value: unknown): boolean {
  return isObject(value) && '~standard' in value;
}

/** Whether a value looks like a JSON Schema of an object. */
export function isJsonSchemaObject(value: unknown): value is JsonSchemaObject {
  return (
    isObject(value) && !isStandardSchema(value) && (value.type === 'object' || isObject(value.properties))
  );
}

/** The schema of `value`, or undefined when it is neither form. Throws when a schema cannot be converted. */
export async function parameterSchema(value: unknown): Promise<ParameterSchema | undefined> {
  if (isStandardSchema(value)) {
    const schema = asSchema(value as FlexibleSchema);
    const json = (await schema.jsonSchema) as JsonSchemaObject;
    return {
      jsonSchema: { ...json, type: 'object', properties: json.properties ?? {} },
      validate: async (input) => {
        const result = await schema.validate?.(input);
        if (!result || result.success) return { ok: true, value: result ? result.value : input };
        return { ok: false, message: result.error.message };
      },
    };
  }
  if (isJsonSchemaObject(value))
    return { jsonSchema: { ...value, type: 'object', properties: value.properties ?? {} } };
  return undefined;
}
