/**
 * AI SDK warnings (a setting the provider does not support, a feature used in a compatibility
 * mode) never reach stdout, so that `--automation` output stays `KEY: value` lines. The SDK's own
 * logger prints them with `console.warn` after an `AI SDK Warning System` line on stdout; instead,
 * an agent's model calls report them as `notice` events (see agent/stream-step.ts) and every other
 * call's go to stderr, one line each.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallWarning } from 'ai';

const reportedByCaller = new AsyncLocalStorage<true>();

/** One warning as a sentence naming the model, e.g. `openai.responses / gpt-5 does not support "topK"`. */
export function sdkWarningText(warning: CallWarning, provider: string, model: string): string {
  const who = `${provider} / ${model}`;
  switch (warning.type) {
    case 'unsupported':
      return `${who} does not support "${warning.feature}"${warning.details ? `: ${warning.details}` : ''}; it is ignored`;
    case 'compatibility':
      return `${who} uses "${warning.feature}" in a compatibility mode${warning.details ? `: ${warning.details}` : ''}`;
    case 'other':
      return `${who}: ${warning.message}`;
    default:
      return `${who}: ${JSON.stringify(warning)}`;
  }
}

/** Calls `call(args)`, a model call whose warnings the caller reports itself: the SDK logger skips them. */
export function reportingWarnings<A, R>(call: (args: A) => R, args: A): R {
  return reportedByCaller.run(true, () => call(args));
}

/** Makes the router the SDK's warning logger, unless the application has set one of its own. */
export function routeSdkWarnings(): void {
  if (globalThis.AI_SDK_LOG_WARNINGS !== undefined) return;
  globalThis.AI_SDK_LOG_WARNINGS = ({ warnings, provider, model }) => {
    if (reportedByCaller.getStore()) return;
    for (const warning of warnings)
      process.stderr.write(`warning: ${sdkWarningText(warning, provider, model)}\n`);
  };
}
