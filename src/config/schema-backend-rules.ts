/**
 * Cross-field rules of a backend block: `type` inference from `model`, the required `model`, backend
 * types MassGen-TS cannot run, and provider-native tools the backend lacks.
 */
import type { z } from 'zod';
import {
  BACKEND_TYPES,
  BACKENDS,
  type BackendType,
  type BuiltinTool,
  backendsWithTool,
  inferBackendType,
} from '../providers/catalog.js';
import { isPlainObject } from './schema-common.js';
import { listNames } from './suggest.js';

/** The `enable_*` flags that switch on a provider-native tool, and the tool each one asks for. */
export const NATIVE_TOOL_FLAGS = {
  enable_web_search: 'web_search',
  enable_code_execution: 'code_execution',
  enable_code_interpreter: 'code_interpreter',
} as const satisfies Record<string, BuiltinTool>;

type RefinementCtx = z.core.$RefinementCtx<unknown>;

function isBackendType(value: unknown): value is BackendType {
  return typeof value === 'string' && (BACKEND_TYPES as string[]).includes(value);
}

function addIssue(
  ctx: RefinementCtx,
  key: string,
  message: string,
  suggestion?: string,
  extra: Record<string, string> = {},
): void {
  const params = { ...(suggestion ? { suggestion } : {}), ...extra };
  ctx.addIssue({ code: 'custom', path: [key], message, params });
}

/** The backend type a block stands for: its `type`, else the one inferred from `model`. */
export function effectiveBackendType(backend: Record<string, unknown>): BackendType | undefined {
  if (backend.type !== undefined) return isBackendType(backend.type) ? backend.type : undefined;
  return typeof backend.model === 'string' ? inferBackendType(backend.model) : undefined;
}

/** Whether a backend type is recognised but marked `unsupported` in the catalog. */
export function isUnsupportedBackendType(type: BackendType | undefined): boolean {
  return type !== undefined && 'unsupported' in BACKENDS[type];
}

const supportedTypes = () => BACKEND_TYPES.filter((t) => !isUnsupportedBackendType(t));

function checkType(backend: Record<string, unknown>, ctx: RefinementCtx): void {
  if (backend.type !== undefined) return; // a wrong value is reported by the enum itself
  if (backend.model === undefined) {
    addIssue(
      ctx,
      'type',
      'missing required key `type` (and no `model` to infer it from)',
      `add \`type:\` — one of ${listNames(supportedTypes())} — and \`model:\``,
    );
  } else if (typeof backend.model === 'string' && inferBackendType(backend.model) === undefined) {
    addIssue(
      ctx,
      'type',
      `missing required key \`type\`, and it cannot be inferred from model \`${backend.model}\``,
      `add \`type:\` — one of ${listNames(supportedTypes())}`,
    );
  }
}

function checkNativeTools(backend: Record<string, unknown>, type: BackendType, ctx: RefinementCtx): void {
  const available = BACKENDS[type].builtinTools as BuiltinTool[];
  for (const [flag, tool] of Object.entries(NATIVE_TOOL_FLAGS)) {
    if (backend[flag] !== true || available.includes(tool)) continue;
    const others = backendsWithTool(tool);
    const sibling = Object.entries(NATIVE_TOOL_FLAGS).find(
      ([otherFlag, otherTool]) =>
        otherFlag !== flag &&
        otherTool.startsWith('code_') &&
        tool.startsWith('code_') &&
        available.includes(otherTool),
    );
    addIssue(
      ctx,
      flag,
      `backend type \`${type}\` has no provider-native ${tool.replace(/_/g, ' ')} tool (\`${flag}: true\`)`,
      sibling
        ? `did you mean \`${sibling[0]}\`? (${tool.replace(/_/g, ' ')} is available on ${listNames(others)})`
        : `remove \`${flag}\`, or use a backend that has it: ${listNames(others)}`,
    );
  }
}

/** Keys that only an adapter backend reads, by the types that read them. */
const ADAPTER_KEYS: Record<string, readonly BackendType[]> = {
  system_prompt: ['claude_code', 'gemini_cli'],
  append_system_prompt: ['claude_code', 'gemini_cli'],
  approval_mode: ['gemini_cli'],
  adapter: ['adapter'],
  module: ['adapter'],
  export: ['adapter'],
  provider: ['adapter'],
  copilot_provider: ['copilot'],
  wire_api: ['copilot'],
  copilot_system_message_mode: ['copilot'],
  system_message_mode: ['copilot'],
  copilot_permission_policy: ['copilot'],
  permission_policy: ['copilot'],
  session_send_timeout_seconds: ['copilot'],
};

/** Backend types a `type: adapter` block may name as its `provider`: the provider backends. */
export const PROVIDER_TYPES: readonly BackendType[] = BACKEND_TYPES.filter(
  (type) => !('adapter' in BACKENDS[type]) && !('unsupported' in BACKENDS[type]),
);

function checkAdapterKeys(backend: Record<string, unknown>, type: BackendType, ctx: RefinementCtx): void {
  for (const [key, types] of Object.entries(ADAPTER_KEYS)) {
    if (backend[key] === undefined || types.includes(type)) continue;
    const prompt = key.endsWith('system_prompt');
    addIssue(
      ctx,
      key,
      prompt
        ? `\`${key}\` does not belong in \`backend\` (only \`claude_code\` and \`gemini_cli\` backends take it); MassGen sets the agent's prompt with \`system_message\``
        : `\`${key}\` is read by \`type: ${types.join(' | ')}\` backends only`,
      prompt
        ? "move the text to the agent's `system_message`"
        : `remove \`${key}\`, or use \`type: ${types[0]}\``,
      // The fix names the agent's key path (see config/issues.ts).
      prompt ? { misplaced: key } : {},
    );
  }
  const provider = backend.provider;
  if (
    type === 'adapter' &&
    typeof provider === 'string' &&
    !(PROVIDER_TYPES as string[]).includes(provider)
  ) {
    addIssue(
      ctx,
      'provider',
      `"${provider}" is not a provider backend type`,
      `use the type of the backend the agent's model is on: one of ${listNames(PROVIDER_TYPES)}`,
    );
  }
  if (type === 'adapter' && typeof backend.module !== 'string') {
    addIssue(
      ctx,
      'module',
      'a `type: adapter` backend needs `module:` (the file exporting the adapter)',
      'add `module: ./my-adapter.ts` (and `export: <name>` unless it is the default export)',
    );
  }
}

/**
 * Cross-field checks of one backend block, run even when other keys of the block are wrong (values
 * are checked for their type before use).
 */
export function checkBackend(backend: unknown, ctx: RefinementCtx): void {
  if (!isPlainObject(backend)) return; // reported by the object schema
  checkType(backend, ctx);
  const type = effectiveBackendType(backend);
  if (type === undefined) return;
  const info = BACKENDS[type];
  if ('unsupported' in info) {
    addIssue(
      ctx,
      'type',
      `not supported: ${info.unsupported}`,
      `supported backend types: ${listNames(supportedTypes())}`,
    );
    return;
  }
  if (backend.model === undefined && !('defaultModel' in info)) {
    addIssue(
      ctx,
      'model',
      `missing required key \`model\`: backend type \`${type}\` has no default model`,
      'add `model: <model name>`',
    );
  }
  checkNativeTools(backend, type, ctx);
  checkAdapterKeys(backend, type, ctx);
}

/** Fills `type` (inferred from `model`) and `model` (the catalog default) once the block is valid. */
export function normaliseBackend<B extends { type?: BackendType; model?: string }>(
  backend: B,
): Omit<B, 'type' | 'model'> & { type: BackendType; model: string } {
  const type = backend.type ?? inferBackendType(backend.model ?? '') ?? 'openai';
  const info = BACKENDS[type] as { defaultModel?: string };
  return { ...backend, type, model: backend.model ?? info.defaultModel ?? '' };
}
