/**
 * Gemini thought signatures. Gemini 3 models sign their replies: the first function call of each
 * step, or else the last text part, carries an opaque `thoughtSignature`. The API validates the
 * function calls of the current turn (everything after the last user text): each step's first
 * `functionCall` part must bring its signature back, else the request fails with a 400. A signature
 * this server did not issue, on any part, is rejected as corrupted; the documented
 * `skip_thought_signature_validator` value passes, as on the real API.
 */
import type { NormalisedBody, ProviderState } from './protocol.js';
import { randomBase64 } from './reply-parts.js';

/** The value Google documents for replaying calls that were not made by the model. */
export const SKIP_SIGNATURE = 'skip_thought_signature_validator';

const issued = new WeakMap<ProviderState, Set<string>>();

/** Whether a model validates signatures (the Gemini 3 family). */
export function validatesSignatures(model: string): boolean {
  return /^gemini-3/.test(model);
}

/** A new signature, remembered by the server that issues it. */
export function issueSignature(state: ProviderState): string {
  const signature = randomBase64();
  let set = issued.get(state);
  if (set === undefined) {
    set = new Set();
    issued.set(state, set);
  }
  set.add(signature);
  return signature;
}

// biome-ignore lint/suspicious/noExplicitAny: raw JSON
type Json = any;

const hasUserText = (content: Json) =>
  content?.role !== 'model' &&
  Array.isArray(content?.parts) &&
  content.parts.some((part: Json) => typeof part?.text === 'string');

/** The 400 a Gemini 3 model answers `body` with when a signature is missing or foreign. */
export function signatureProblem(body: Json, model: string, state: ProviderState): NormalisedBody['problem'] {
  if (!validatesSignatures(model)) return undefined;
  const contents: Json[] = Array.isArray(body?.contents) ? body.contents : [];
  const signed = contents.flatMap((content) => (Array.isArray(content?.parts) ? content.parts : []));
  for (const part of signed) {
    const signature = part?.thoughtSignature;
    if (typeof signature === 'string' && signature !== SKIP_SIGNATURE && !issued.get(state)?.has(signature))
      return { status: 400, message: 'Corrupted thought signature.' };
  }
  const turnStart = contents.findLastIndex(hasUserText) + 1;
  for (let index = turnStart; index < contents.length; index++) {
    const content = contents[index];
    if (content?.role !== 'model' || !Array.isArray(content.parts)) continue;
    const first = content.parts.find((part: Json) => part?.functionCall != null);
    if (first === undefined) continue;
    const signature = first.thoughtSignature;
    if (typeof signature !== 'string' || signature.length === 0) {
      const message = `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${first.functionCall.name}\` , position ${index + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`;
      return { status: 400, message };
    }
  }
  return undefined;
}
