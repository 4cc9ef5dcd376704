import { describe, expect, it } from 'vitest';
import { fieldHint, formFields, parseAnswer } from '../../src/ui/tui/elicitation-form.js';

const [flag, count, pet, tools, plain] = formFields({
  type: 'object',
  properties: {
    flag: { type: 'boolean', title: 'Agree' },
    count: { type: 'number', minimum: 0, maximum: 10 },
    pet: {
      type: 'string',
      oneOf: [
        { const: 'cat', title: 'Cat' },
        { const: 'dog', title: 'Dog' },
      ],
    },
    tools: { type: 'array', items: { type: 'string', enum: ['saw', 'drill', 'glue'] }, default: ['saw'] },
    plain: { type: 'string', maxLength: 3 },
  },
  required: ['flag'],
})!;

describe('elicitation form', () => {
  it('reads booleans as y/n and refuses anything else', () => {
    expect(parseAnswer(flag!, 'Y')).toEqual({ value: true });
    expect(parseAnswer(flag!, 'no')).toEqual({ value: false });
    expect(parseAnswer(flag!, 'maybe')).toEqual({ error: 'answer y or n' });
    expect(parseAnswer(flag!, '')).toEqual({ error: 'Agree is required' });
  });

  it('keeps numbers within their bounds', () => {
    expect(parseAnswer(count!, '2.5')).toEqual({ value: 2.5 });
    expect(parseAnswer(count!, '11')).toEqual({ error: 'at most 10' });
    expect(parseAnswer(count!, '')).toEqual({ skip: true });
  });

  it('takes a choice by value, title or number, and several choices comma-separated', () => {
    expect(parseAnswer(pet!, 'Dog')).toEqual({ value: 'dog' });
    expect(parseAnswer(pet!, '1')).toEqual({ value: 'cat' });
    expect(parseAnswer(pet!, 'fish')).toEqual({ error: 'choose one of: cat, dog' });
    expect(parseAnswer(tools!, '3, saw')).toEqual({ value: ['glue', 'saw'] });
    expect(parseAnswer(tools!, 'hammer')).toEqual({ error: '"hammer" is not one of the choices' });
    expect(parseAnswer(plain!, 'long')).toEqual({ error: 'at most 3 characters' });
  });

  it('hints at the choices and the default', () => {
    expect(fieldHint(pet!)).toBe('1) Cat  2) Dog · empty: leave out');
    expect(fieldHint(tools!)).toBe('1) saw  2) drill  3) glue · several: 1,3 · empty: ["saw"]');
    expect(fieldHint(flag!)).toBe('y/n');
  });
});
