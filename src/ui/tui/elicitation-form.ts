/**
 * The form of an MCP elicitation in the terminal UI, as pure functions: the fields of the requested
 * schema, one typed answer per field (empty = the server's default, or left out), and the content
 * sent back. Choices can be typed by value or by number; a list takes comma-separated choices.
 */
import type { ElicitationField, ElicitationSchema } from '../../events/types.js';

/** A field value MCP allows in an answer. */
export type FormValue = string | number | boolean | string[];

/** One field, ready to ask. */
export interface FormField {
  name: string;
  /** `title`, else the name. */
  label: string;
  description?: string;
  type: ElicitationField['type'];
  required: boolean;
  default?: unknown;
  /** Allowed values of a choice (single or, with `multi`, several). */
  choices?: string[];
  /** Display names parallel to `choices`. */
  choiceLabels?: string[];
  multi: boolean;
  field: ElicitationField;
}

/** The fields of a form, in schema order. */
export function formFields(schema: ElicitationSchema): FormField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, field]) => {
    const options = field.oneOf ?? field.items?.anyOf;
    const choices = field.enum ?? field.items?.enum ?? options?.map((o) => o.const);
    const labels = field.enumNames ?? options?.map((o) => o.title ?? o.const);
    return {
      name,
      label: field.title ?? name,
      description: field.description,
      type: field.type,
      required: required.has(name),
      default: field.default,
      ...(choices ? { choices } : {}),
      ...(labels ? { choiceLabels: labels } : {}),
      multi: field.type === 'array',
      field,
    };
  });
}

/** What a typed answer gives: a value, nothing (use the default / leave out), or why it is refused. */
export type ParsedAnswer = { value: FormValue } | { skip: true } | { error: string };

const YES = new Set(['y', 'yes', 'true', '1']);
const NO = new Set(['n', 'no', 'false', '0']);

function choice(field: FormField, text: string): string | undefined {
  const choices = field.choices ?? [];
  if (choices.includes(text)) return text;
  const byLabel = field.choiceLabels?.indexOf(text) ?? -1;
  if (byLabel >= 0) return choices[byLabel];
  const index = Number(text);
  return Number.isInteger(index) && index >= 1 && index <= choices.length ? choices[index - 1] : undefined;
}

/** Reads the answer typed for `field`. */
export function parseAnswer(field: FormField, raw: string): ParsedAnswer {
  const text = raw.trim();
  if (text === '') {
    return field.required && field.default === undefined
      ? { error: `${field.label} is required` }
      : { skip: true };
  }
  const f = field.field;
  if (field.multi) {
    const picked = text
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const values = picked.map((t) => (field.choices ? choice(field, t) : t));
    const bad = picked.find((_, i) => values[i] === undefined);
    if (bad !== undefined) return { error: `"${bad}" is not one of the choices` };
    return { value: values as string[] };
  }
  if (field.choices) {
    const value = choice(field, text);
    return value === undefined ? { error: `choose one of: ${field.choices.join(', ')}` } : { value };
  }
  switch (field.type) {
    case 'boolean': {
      const lower = text.toLowerCase();
      if (YES.has(lower)) return { value: true };
      if (NO.has(lower)) return { value: false };
      return { error: 'answer y or n' };
    }
    case 'number':
    case 'integer': {
      const value = Number(text);
      if (!Number.isFinite(value)) return { error: 'enter a number' };
      if (field.type === 'integer' && !Number.isInteger(value)) return { error: 'enter a whole number' };
      if (f.minimum !== undefined && value < f.minimum) return { error: `at least ${f.minimum}` };
      if (f.maximum !== undefined && value > f.maximum) return { error: `at most ${f.maximum}` };
      return { value };
    }
    default: {
      if (f.minLength !== undefined && text.length < f.minLength)
        return { error: `at least ${f.minLength} characters` };
      if (f.maxLength !== undefined && text.length > f.maxLength)
        return { error: `at most ${f.maxLength} characters` };
      return { value: text };
    }
  }
}

/** The hint shown under a field: its type, choices and default. */
export function fieldHint(field: FormField): string {
  const parts: string[] = [];
  if (field.choices) {
    const labels = field.choiceLabels ?? field.choices;
    parts.push(labels.map((c, i) => `${i + 1}) ${c}`).join('  '));
    if (field.multi) parts.push('several: 1,3');
  } else if (field.type === 'boolean') parts.push('y/n');
  else if (field.type !== 'string') parts.push(field.type);
  else if (field.field.format) parts.push(field.field.format);
  if (field.default !== undefined) parts.push(`empty: ${JSON.stringify(field.default)}`);
  else if (!field.required) parts.push('empty: leave out');
  return parts.join(' · ');
}
