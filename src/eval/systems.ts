/**
 * The systems an evaluation compares, all built from the configs' own agents: the full MassGen run
 * of each config, each agent alone (`single:<id>`), the majority vote of the singles' answers
 * (`majority`), and the best single agent sampled N times and aggregated by itself (`self-moa`).
 * Baselines come from the first config.
 */
import path from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import type { MassGenConfig } from '../config/schema.js';
import type { ResultLine } from './result-line.js';
import { answerKey } from './scorers.js';
import type { Baseline } from './settings.js';
import type { ScoringSpec } from './task.js';

/** A system that runs (majority is derived from the singles' results, without runs of its own). */
export interface RunSystem {
  name: string;
  kind: 'massgen' | 'single';
  /** The config it runs (derived for `single`). */
  source: LoadedConfig;
  /** The agent of a `single` system. */
  agentId?: string;
}

/** The name of a config in system names: its file name without the extension. */
export function configName(file: string): string {
  return path.basename(file).replace(/\.(ya?ml|json)$/i, '');
}

/** A loaded config with other agents and orchestrator settings (same file, same warnings). */
function derived(source: LoadedConfig, config: MassGenConfig): LoadedConfig {
  return { ...source, config };
}

/** One agent of the config alone, answering in one call (no coordination rounds). */
export function singleConfig(source: LoadedConfig, agentId: string): LoadedConfig {
  const agent = source.config.agents.find((a) => a.id === agentId)!;
  return derived(source, {
    ...source.config,
    agents: [agent],
    orchestrator: { ...source.config.orchestrator, skip_coordination_rounds: true },
  });
}

/** The agent sampled N times (N = the config's agent count): N copies that coordinate and vote. */
export function selfMoaConfig(source: LoadedConfig, agentId: string): LoadedConfig {
  const agent = source.config.agents.find((a) => a.id === agentId)!;
  const n = Math.max(2, source.config.agents.length);
  const agents = Array.from({ length: n }, (_, i) => ({ ...agent, id: `${agentId}_s${i + 1}` }));
  return derived(source, { ...source.config, agents });
}

/** The systems that run, in report order: MassGen per config, then the singles (when a baseline needs them). */
export function runSystems(sources: LoadedConfig[], baselines: readonly Baseline[]): RunSystem[] {
  const several = sources.length > 1;
  const systems: RunSystem[] = sources.map((source) => ({
    name: several ? `massgen:${configName(source.path)}` : 'massgen',
    kind: 'massgen',
    source,
  }));
  if (baselines.length > 0) {
    const first = sources[0]!;
    for (const agent of first.config.agents) {
      systems.push({
        name: `single:${agent.id}`,
        kind: 'single',
        source: singleConfig(first, agent.id),
        agentId: agent.id,
      });
    }
  }
  return systems;
}

/**
 * Every system name of an evaluation, in report order. The singles are reported whenever they run
 * (every baseline is built on them).
 */
export function systemNames(sources: LoadedConfig[], baselines: readonly Baseline[]): string[] {
  const names = runSystems(sources, baselines).map((s) => s.name);
  if (baselines.includes('majority')) names.push('majority');
  if (baselines.includes('self-moa')) names.push('self-moa');
  return names;
}

/**
 * The majority vote of the agents' answers (one each, config order): the most common answer as
 * the task's scorer compares answers; a tie goes to the earliest agent. Undefined without answers.
 */
export function majorityAnswer(
  spec: ScoringSpec,
  answers: ReadonlyArray<{ agent: string; answer: string }>,
): { agent: string; answer: string } | undefined {
  const counts = new Map<string, { count: number; first: { agent: string; answer: string } }>();
  for (const a of answers) {
    if (a.answer.trim() === '') continue;
    const key = answerKey(spec, a.answer);
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { count: 1, first: a });
  }
  let best: { count: number; first: { agent: string; answer: string } } | undefined;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best?.first;
}

/** The best single agent by accuracy over its results (ties: config order). */
export function bestSingle(agentIds: readonly string[], lines: readonly ResultLine[]): string {
  let best = agentIds[0]!;
  let bestScore = -1;
  for (const id of agentIds) {
    const mine = lines.filter((l) => l.system === `single:${id}`);
    const score = mine.length === 0 ? 0 : mine.reduce((s, l) => s + l.score, 0) / mine.length;
    if (score > bestScore) {
      best = id;
      bestScore = score;
    }
  }
  return best;
}
