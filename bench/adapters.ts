/**
 * Adapter overhead: one agent run by an adapter (`claude_code`: the Claude Agent SDK spawning the
 * Claude Code binary; `codex`: the Codex SDK spawning the codex binary; `gemini_cli`: the Gemini CLI
 * as a child process; `copilot`: the Copilot SDK spawning its bundled Copilot CLI runtime, on a BYOK
 * OpenAI provider) against the same agent as a native agent of the same provider (`claude`,
 * `openai`, `gemini`), on the fake provider; and the framework
 * agents of test/fixtures/frameworks (`type: adapter` with `adapter:` openai-agents, ai-sdk, mastra,
 * langgraph) against the native `openai` agent.
 *
 *   node --import tsx bench/adapters.ts [--latency MS] [--runs 5] [--only gemini,gemini_cli]
 *
 * A one-agent run is 3 turns (answer, vote, presentation), each one model request. Prints, as medians
 * over the runs: process start to the agent's first model request, wall time of the run, the
 * start-up overhead of each turn (the turn's start, i.e. the previous turn's end or the process
 * start, to its request) and the per-turn overhead over the native agent.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consensus } from '../test/fake-provider/scenario.js';
import { createFakeProvider } from '../test/fake-provider/server.js';
import { arg, CLI, median } from './support.js';

const latency = Number(arg('latency', '0'));
const runs = Number(arg('runs', '5'));

const arrivals: number[] = [];
const fake = await createFakeProvider({
  scenario: (req) => {
    arrivals.push(performance.now());
    return consensus({ latencyMs: latency })(req);
  },
});

interface Sample {
  firstRequestMs: number;
  wallMs: number;
  /** Mean time from one request to the next (a turn's end to the next turn's request, plus the reply). */
  betweenMs: number;
  calls: number;
}

/** Framework agents: their module (test/fixtures/frameworks) and export. */
const FRAMEWORKS = {
  'openai-agents': ['openai-agent.ts', 'researcher'],
  'ai-sdk': ['ai-sdk-agent.ts', 'analyst'],
  mastra: ['mastra-agent.ts', 'planner'],
  langgraph: ['langgraph-agent.ts', 'cityGraph'],
} as const;
const TYPES = [
  'claude',
  'claude_code',
  'openai',
  'codex',
  'gemini',
  'gemini_cli',
  'copilot',
  ...(Object.keys(FRAMEWORKS) as Array<keyof typeof FRAMEWORKS>),
] as const;
type Subject = (typeof TYPES)[number];
/** The subjects measured (`--only a,b`; default all). */
const only = arg('only', '').split(',').filter(Boolean);
const SUBJECTS = TYPES.filter((t) => only.length === 0 || only.includes(t));

function config(type: Subject, dir: string): string {
  const file = path.join(dir, `${type}.yaml`);
  if (type in FRAMEWORKS) {
    const [module, name] = FRAMEWORKS[type as keyof typeof FRAMEWORKS];
    const full = path.resolve(import.meta.dirname, '../test/fixtures/frameworks', module);
    writeFileSync(
      file,
      `agents:\n  - id: subject\n    backend: { type: adapter, adapter: ${type}, module: ${full}, export: ${name} }\n`,
    );
    return file;
  }
  const model =
    type === 'claude' || type === 'claude_code'
      ? 'claude-sonnet-4-5'
      : type === 'gemini' || type === 'gemini_cli'
        ? 'gemini-2.5-flash'
        : type === 'copilot'
          ? 'gpt-5-mini'
          : 'gpt-5-codex';
  const base = type === 'gemini' || type === 'gemini_cli' ? fake.baseUrls.gemini : `${fake.url}/v1`;
  writeFileSync(
    file,
    `agents:\n  - id: subject\n    backend: { type: ${type}, model: ${model}, base_url: ${base} }\n`,
  );
  return file;
}

async function measure(file: string, cwd: string): Promise<Sample> {
  arrivals.length = 0;
  const start = performance.now();
  const child = spawn(process.execPath, [CLI, '--automation', '--config', file, 'What is 2+2?'], {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cwd,
      ANTHROPIC_API_KEY: 'sk-ant-bench',
      OPENAI_API_KEY: 'sk-bench',
      GEMINI_API_KEY: 'gemini-bench',
      // The framework agents' models read these.
      OPENAI_BASE_URL: `${fake.url}/v1`,
      OPENAI_AGENTS_DISABLE_TRACING: '1',
    },
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const end = performance.now();
  if (code !== 0) throw new Error(`${file}: exit ${code}`);
  const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]!);
  return {
    firstRequestMs: (arrivals[0] ?? end) - start,
    wallMs: end - start,
    betweenMs: gaps.reduce((a, b) => a + b, 0) / Math.max(gaps.length, 1),
    calls: arrivals.length,
  };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-bench-adapters-'));
const results: Record<string, Sample[]> = Object.fromEntries(SUBJECTS.map((t) => [t, []]));
for (let i = 0; i < runs; i++) {
  for (const type of SUBJECTS) {
    results[type]!.push(await measure(config(type, dir), dir));
  }
}
await fake.close();

const signed = (ms: number) => `${ms >= 0 ? '+' : ''}${ms.toFixed(0)}`;
const stat = (type: string, key: keyof Sample) => median(results[type]!.map((s) => s[key]));
const row = (type: string) =>
  `| ${type} | ${stat(type, 'firstRequestMs').toFixed(0)} ms | ${stat(type, 'betweenMs').toFixed(0)} ms | ${stat(type, 'wallMs').toFixed(0)} ms | ${stat(type, 'calls')} |`;
console.log(
  `\nAdapter overhead (one agent, 3 turns, fake provider latency ${latency} ms, median of ${runs} runs)\n`,
);
console.log('| agent | process start → first request | request → next request | run wall time | LLM calls |');
console.log('|---|---|---|---|---|');
for (const type of SUBJECTS) console.log(row(type));
for (const [adapter, native] of [
  ['claude_code', 'claude'],
  ['codex', 'openai'],
  ['gemini_cli', 'gemini'],
  ['copilot', 'openai'],
  ...Object.keys(FRAMEWORKS).map((name) => [name, 'openai'] as const),
] as const) {
  if (!results[adapter] || !results[native]) continue;
  const startup = stat(adapter, 'firstRequestMs') - stat(native, 'firstRequestMs');
  const perTurn = stat(adapter, 'betweenMs') - stat(native, 'betweenMs');
  console.log(
    `${adapter} over ${native}: start-up ${signed(startup)} ms (spawn → first model request), ${signed(perTurn)} ms per execution`,
  );
}
