/**
 * A custom tool's parameter schema from what a module exports: a zod schema (any Standard Schema
 * with JSON Schema output) or a plain JSON Schema object. Both validate the arguments: zod schemas
 * themselves, JSON Schemas with Ajv (the MCP SDK's validator, loaded when first needed).
 */
import { asSchema, type FlexibleSchema } from 'ai';
import type { JsonSchemaObject } from '../types.js';

/** The outcome of validating arguments. */
export type ValidationOutcome = { ok: true; value: unknown } | { ok: false; message: string };

/** A schema ready to use: what the model sees, and an optional validator. */
export interface ParameterSchema {
  jsonSchema: JsonSchemaObject;
  /** Validates (and may transform) the arguments. */
  validate?: (value: unknown) => Promise<ValidationOutcome>;
}

/** Ajv's `data/path must be string` as `path must be string`. */
function plainMessage(message: string): string {
  return message.replace(/\bdata\//g, '').replace(/\bdata\b/g, 'the arguments');
}

/**
 * A validator of arguments against a JSON Schema (draft-07 and the keywords later drafts share).
 * Throws when the schema cannot be compiled.
 */
export async function jsonSchemaValidator(
  schema: JsonSchemaObject,
): Promise<(value: unknown) => ValidationOutcome> {
  const { AjvJsonSchemaValidator } = await import('@modelcontextprotocol/sdk/validation/ajv');
  // `$schema` names a meta-schema Ajv may not have; the keywords are what matter.
  const { $schema: _, ...rest } = schema as JsonSchemaObject & { $schema?: unknown };
  const check = new AjvJsonSchemaValidator().getValidator(rest as never);
  return (value) => {
    const result = check(value);
    return result.valid ? { ok: true, value } : { ok: false, message: plainMessage(result.errorMessage) };
  };
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
  if (isJsonSchemaObject(value)) {
    const jsonSchema: JsonSchemaObject = { ...value, type: 'object', properties: value.properties ?? {} };
    const check = await jsonSchemaValidator(jsonSchema);
    return { jsonSchema, validate: async (input) => check(input) };
  }
  return undefined;
}
