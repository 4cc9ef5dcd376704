/**
 * The risk judges of one run: the classifier of `safety.classifier` made once (a missing key is a
 * configuration error before the run starts), one shared verdict cache, and a judge per agent with
 * its backend's declarations and its workspace.
 */
import os from 'node:os';
import type { SafetyConfig } from '../../config/schema-safety.js';
import type { RiskPaths } from './builtin-risk.js';
import { ToolRiskCache, toolRiskCache } from './cache.js';
import { classifierFromConfig, type ToolClassifier } from './classifier.js';
import { createRiskJudge, type RiskBackendConfig, type RiskJudge } from './judge.js';

/** The config keys the run's judges read. */
export interface RunRiskConfig {
  agents: ReadonlyArray<{ backend: RiskBackendConfig }>;
  safety?: SafetyConfig;
}

/** Makes the judge of each agent of a run. */
export interface RunRisk {
  readonly classifier?: ToolClassifier;
  /** The judge of `agents[index]`; `paths`: its workspace, when it has one. */
  judgeFor(index: number, paths?: RiskPaths): RiskJudge;
}

/** Prepares the judges of a run. Throws ConfigError for a classifier that cannot be made. */
export async function createRunRisk(
  config: RunRiskConfig,
  options: { env?: NodeJS.ProcessEnv; homeDir?: string } = {},
): Promise<RunRisk> {
  const home = options.homeDir ?? os.homedir();
  const classifier = await classifierFromConfig(config.safety, options.env ?? process.env);
  const cache = toolRiskCache(ToolRiskCache.fileIn(home));
  return {
    classifier,
    judgeFor(index, paths) {
      return createRiskJudge({
        backend: config.agents[index]?.backend,
        at: `agents[${index}].backend`,
        paths,
        classifier,
        cache,
        home,
      });
    },
  };
}
