/**
 * AI SDK warnings (a setting the provider does not support, a feature used in a compatibility
 * mode) never reach stdout, so that `--automation` output stays `KEY: value` lines. The SDK's own
 * logger prints them with `console.warn` after an `AI SDK Warning System` line on stdout; instead,
 * an agent's model calls report them as `notice` events (see agent/stream-step.ts) and every other
 * call's go to stderr, one line each.
 *
 * A step's warnings reach the logger as the same array its `onStepFinish` callback received just
 * before, so a caller that reports them itself marks that array there and the logger skips it. (No
 * async context is needed: that would put a hook on every promise of the process.)
 */
import type { CallWarning, StepResult, ToolSet } from 'ai';

const reportedByCaller = new WeakSet<readonly CallWarning[]>();

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

/**
 * The `onStepFinish` callback of a model call whose warnings the caller reports itself: the SDK
 * logger skips the step's warnings.
 */
export function markWarningsReported<T extends ToolSet>(step: StepResult<T>): void {
  if (step.warnings) reportedByCaller.add(step.warnings);
}

/** Makes the router the SDK's warning logger, unless the application has set one of its own. */
export function routeSdkWarnings(): void {
  if (globalThis.AI_SDK_LOG_WARNINGS !== undefined) return;
  globalThis.AI_SDK_LOG_WARNINGS = ({ warnings, provider, model }) => {
    if (reportedByCaller.has(warnings)) return;
    for (const warning of warnings)
      process.stderr.write(`warning: ${sdkWarningText(warning, provider, model)}\n`);
  };
}
