/** The risk of tools and tool calls (see judge.ts), and the hardline floor (see hardline.ts). */
export { admittedRisk, trustedAnnotationRisk } from './annotations.js';
export { builtInRisk, type RiskPaths } from './builtin-risk.js';
export { type CachedVerdict, ToolRiskCache, toolHash, toolRiskCache } from './cache.js';
export {
  type ClassifierVerdict,
  classifierFromConfig,
  classifierPrompt,
  modelClassifier,
  type ToolClassifier,
  type ToolDescription,
} from './classifier.js';
export { analyseCommand, type CommandAnalysis, type CommandOptions, type CommandProgram } from './command.js';
export { type DeclarationSet, declaredRisk, globPattern, type RiskDeclaration } from './declarations.js';
export { hardlineReason } from './hardline.js';
export {
  createRiskJudge,
  type RiskBackendConfig,
  type RiskContext,
  type RiskJudge,
  type RiskJudgeOptions,
} from './judge.js';
export { createRunRisk, type RunRisk, type RunRiskConfig } from './run-risk.js';
