/**
 * Small zod building blocks shared by the config schema modules.
 */
import { z } from 'zod';
import { MAX_TIMEOUT_SECONDS } from './limits.js';

/** A plain (non-array, non-null) object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Free-form mapping passed through unchanged (provider extras, AG2 configs, tool arguments). */
export const freeObject = z.record(z.string(), z.unknown());

/** A non-empty string. */
export const nonEmptyString = z.string().min(1);

/** A list of non-empty strings. */
export const stringList = z.array(nonEmptyString);

/** A whole number greater than 0. */
export const positiveInt = z.number().int().positive();

/** A timeout in seconds: more than 0, at most {@link MAX_TIMEOUT_SECONDS} (what a Node.js timer can hold). */
export const timeoutSeconds = z.number().positive().max(MAX_TIMEOUT_SECONDS);

/** A number from 0 to 1. */
export const fraction = z.number().min(0).max(1);

/** A string or a list of strings (custom tool names, functions and descriptions). */
export const stringOrList = z.union([nonEmptyString, stringList]);

/** An http(s) URL. */
export const httpUrl = z
  .string()
  .regex(/^https?:\/\/\S+$/, { message: 'expected an http:// or https:// URL' });

/** The three-level knob used by `voting_sensitivity` and `answer_novelty_requirement`. */
export const strictness = z.enum(['lenient', 'balanced', 'strict']);

/** `refine`/`superRefine` option: run even when the object has other issues, so all are collected. */
export const always = { when: () => true } as const;
