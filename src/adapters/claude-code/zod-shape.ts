/**
 * The zod shape of a workflow tool's JSON Schema, for the Claude Agent SDK's `tool()` (it takes zod).
 * Covers what the workflow tools use: string properties, with an enum and a description.
 */
import { z } from 'zod';
import type { AdapterJsonSchema } from '../../types/agent-adapter.js';

type Property = { type?: unknown; enum?: unknown; description?: unknown };

function propertySchema(property: Property): z.ZodType {
  let schema: z.ZodType;
  if (
    Array.isArray(property.enum) &&
    property.enum.every((v) => typeof v === 'string') &&
    property.enum.length > 0
  ) {
    schema = z.enum(property.enum as [string, ...string[]]);
  } else if (property.type === 'string') schema = z.string();
  else if (property.type === 'number' || property.type === 'integer') schema = z.number();
  else if (property.type === 'boolean') schema = z.boolean();
  else schema = z.unknown();
  return typeof property.description === 'string' ? schema.describe(property.description) : schema;
}

/** The raw shape (`{content: z.string()}`) of an object schema; properties not required are optional. */
export function zodShape(schema: AdapterJsonSchema): Record<string, z.ZodType> {
  const properties = (schema.properties ?? {}) as Record<string, Property>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.fromEntries(
    Object.entries(properties).map(([name, property]) => {
      const field = propertySchema(property);
      return [name, required.has(name) ? field : field.optional()];
    }),
  );
}
