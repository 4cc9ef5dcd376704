// The custom tools of examples/custom_tools.yaml. No dependencies: the parameters are plain JSON
// Schema (a zod schema works too, once zod is installed where this file is).

export const addSchema = {
  type: 'object',
  properties: {
    a: { type: 'number', description: 'First length' },
    b: { type: 'number', description: 'Second length' },
    unit: { type: 'string' },
  },
  required: ['a', 'b'],
};
export const addDescription = 'Add two lengths given in the configured unit.';

export function add(args: { a: number; b: number; unit: string }, context: { signal: AbortSignal }) {
  context.signal.throwIfAborted();
  return { sum: args.a + args.b, unit: args.unit }; // text or any JSON value; throw to fail
}

const PER_METRE: Record<string, number> = { m: 1, cm: 100, mm: 1000, in: 39.3701, ft: 3.28084 };

export const convertSchema = {
  type: 'object',
  properties: {
    value: { type: 'number' },
    from: { type: 'string', enum: Object.keys(PER_METRE) },
    to: { type: 'string', enum: Object.keys(PER_METRE) },
  },
  required: ['value', 'from', 'to'],
};
export const convertDescription = 'Convert a length from one unit to another.';

export function convert(args: { value: number; from: string; to: string }) {
  const from = PER_METRE[args.from];
  const to = PER_METRE[args.to];
  if (from === undefined || to === undefined) throw new Error(`unknown unit: ${args.from} or ${args.to}`);
  return { value: Math.round((args.value / from) * to * 1000) / 1000, unit: args.to };
}
