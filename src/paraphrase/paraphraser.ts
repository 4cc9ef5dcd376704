/**
 * Question paraphrasing (`orchestrator.dspy`): the configured model writes up to `num_variants`
 * variants of the question at the strategy's temperatures, each is checked for equivalence with the
 * question (dropped below `semantic_threshold`) and for basic quality (variants.ts), and the result
 * is cached on disk, keyed by the question and every setting. Loaded only when paraphrasing is on.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { generateText, type LanguageModelUsage } from 'ai';
import { z } from 'zod';
import type { ParaphraseConfig } from '../config/schema-orchestrator.js';
import { ConfigError, MissingApiKeyError } from '../errors.js';
import { writeFileAtomic } from '../events/atomic-write.js';
import type { TokenUsage } from '../events/types.js';
import { structuredCall } from '../memory/structured-call.js';
import { createModel, type ModelBackendConfig, type ResolvedModel } from '../providers/create-model.js';
import type { Paraphrase, QuestionVariants } from '../types/paraphrase.js';
import {
  CREATIVE_HINT,
  isUsableVariant,
  rewrittenQuestion,
  STRATEGY_INSTRUCTIONS,
  temperatureSchedule,
  variantsCacheKey,
} from './variants.js';

export interface ParaphraserOptions {
  env: NodeJS.ProcessEnv;
  /** Where variants are cached (one JSON file per key); none: no cache. */
  cacheDir?: string;
}

const WRITER_SYSTEM =
  'You rewrite questions. The rewritten question must ask for exactly the same information as the original, ' +
  'in different words and structure. Never answer the question and never add or drop a requirement.';

const CHECKER_SYSTEM = 'You check whether two questions ask for exactly the same information.';

/** The name of the equivalence check's tool (a test server scripts it by this name). */
export const EQUIVALENCE_TOOL = 'report_equivalence';

const verdictSchema = z.object({
  equivalent: z.boolean().describe('true if both questions ask for exactly the same information'),
  confidence: z.number().min(0).max(1).describe('confidence between 0 and 1'),
});

/**
 * The paraphraser of a config's `orchestrator.dspy` block. Creating it checks the backend (a missing
 * API key is a ConfigError before anything runs).
 */
export async function createParaphraser(
  config: ParaphraseConfig,
  options: ParaphraserOptions,
): Promise<Paraphrase> {
  if (!config.backend) throw new Error('orchestrator.dspy.backend is required');
  const resolved = await createModel(
    'orchestrator.dspy',
    config.backend as ModelBackendConfig,
    options.env,
  ).catch((error: unknown) => {
    if (!(error instanceof MissingApiKeyError)) throw error;
    throw new ConfigError(
      `Question paraphrasing (orchestrator.dspy, backend ${config.backend?.type}) needs an API key: set ${error.variable} ` +
        'in the environment, in ./.env or in ~/.massgen/.env, or give orchestrator.dspy.backend.api_key in the config.',
    );
  });
  return async (question, signal) => {
    const key = variantsCacheKey(question, config);
    const file =
      options.cacheDir && config.cache_enabled ? path.join(options.cacheDir, `${key}.json`) : undefined;
    const hit = file ? await readCached(file) : undefined;
    const model = { backend: resolved.type, model: resolved.modelId };
    if (hit) return { variants: hit, dropped: 0, cached: true, ...model, calls: 0, usage: sumUsage([]) };
    const result = await writeVariants(question, config, resolved, signal);
    if (file && result.variants.length > 0) {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, `${JSON.stringify({ question, variants: result.variants }, null, 2)}\n`);
    }
    return result;
  };
}

async function readCached(file: string): Promise<string[] | undefined> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as { variants?: unknown };
    const variants = data.variants;
    return Array.isArray(variants) && variants.length > 0 && variants.every((v) => typeof v === 'string')
      ? variants
      : undefined;
  } catch {
    return undefined;
  }
}

/** MassGen's loop: up to 4 × `num_variants` attempts for `num_variants` distinct, checked variants. */
async function writeVariants(
  question: string,
  config: ParaphraseConfig,
  resolved: ResolvedModel,
  signal: AbortSignal,
): Promise<QuestionVariants> {
  const wanted = config.num_variants;
  const temperatures = temperatureSchedule(
    config.strategy,
    config.temperature_range,
    config.backend?.temperature,
  );
  const variants: string[] = [];
  const seen = new Set([question.trim().toLowerCase()]);
  let dropped = 0;
  const calls: TokenUsage[] = [];
  const count = (usage: LanguageModelUsage) => calls.push(tokenUsage(usage));
  for (let attempt = 1; variants.length < wanted && attempt <= wanted * 4; attempt++) {
    const instruction = STRATEGY_INSTRUCTIONS[config.strategy] + (attempt > wanted * 2 ? CREATIVE_HINT : '');
    const temperature = temperatures[variants.length % temperatures.length];
    const reply = await generateText({
      model: resolved.model,
      system: WRITER_SYSTEM,
      prompt: writerPrompt(question, instruction, config.use_chain_of_thought),
      temperature,
      maxOutputTokens: resolved.settings.maxOutputTokens,
      topP: resolved.settings.topP,
      providerOptions: resolved.settings.providerOptions,
      abortSignal: signal,
    });
    count(reply.usage);
    const variant = rewrittenQuestion(reply.text);
    const normalized = variant.toLowerCase();
    if (variant === '' || seen.has(normalized)) continue;
    if (
      config.validate_semantics &&
      !(await isEquivalent(question, variant, config, resolved, signal, count))
    ) {
      dropped++;
      continue;
    }
    if (!isUsableVariant(question, variant)) continue;
    variants.push(variant);
    seen.add(normalized);
  }
  return {
    variants,
    dropped,
    cached: false,
    backend: resolved.type,
    model: resolved.modelId,
    calls: calls.length,
    usage: sumUsage(calls),
  };
}

function tokenUsage(usage: LanguageModelUsage): TokenUsage {
  return {
    inputTokens: usage.inputTokens ?? 0,
    outputTokens: usage.outputTokens ?? 0,
    reasoningTokens: usage.outputTokenDetails?.reasoningTokens ?? 0,
    cachedInputTokens: usage.inputTokenDetails?.cacheReadTokens ?? 0,
  };
}

function sumUsage(calls: readonly TokenUsage[]): TokenUsage {
  const sum = (pick: (u: TokenUsage) => number | undefined) => calls.reduce((n, u) => n + (pick(u) ?? 0), 0);
  return {
    inputTokens: sum((u) => u.inputTokens),
    outputTokens: sum((u) => u.outputTokens),
    reasoningTokens: sum((u) => u.reasoningTokens),
    cachedInputTokens: sum((u) => u.cachedInputTokens),
  };
}

function writerPrompt(question: string, instruction: string, chainOfThought: boolean): string {
  return [
    `Instruction: ${instruction}.`,
    `Original question: ${question}`,
    chainOfThought
      ? 'First think step by step about what the question asks for and what must stay the same. Then give the rewritten question on its own last line, starting with "Rewritten question:".'
      : 'Reply with the rewritten question only.',
  ].join('\n\n');
}

/** The equivalence check: equivalent, with at least `semantic_threshold` confidence. */
async function isEquivalent(
  question: string,
  variant: string,
  config: ParaphraseConfig,
  resolved: ResolvedModel,
  signal: AbortSignal,
  onUsage: (usage: LanguageModelUsage) => void,
): Promise<boolean> {
  const verdict = await structuredCall({
    model: resolved.model,
    settings: resolved.settings,
    system: CHECKER_SYSTEM,
    prompt: `Original question: ${question}\n\nParaphrase: ${variant}\n\nDo both ask for exactly the same information? Report it with \`${EQUIVALENCE_TOOL}\`.`,
    toolName: EQUIVALENCE_TOOL,
    description:
      'Report whether the paraphrase asks for exactly the same information as the original question.',
    schema: verdictSchema,
    signal,
    onUsage,
  });
  return verdict?.equivalent === true && verdict.confidence >= config.semantic_threshold;
}
