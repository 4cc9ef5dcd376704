/**
 * `massgen/testing`: scripted models to test configs, hooks and displays without API keys. Pass
 * them to `runConfig` / `streamRun` with the `models` option (one per agent id).
 */
export { answer, protocolModel, protocolReply, restart, submit, vote } from './replies.js';
export {
  type ScriptEntry,
  type ScriptedCall,
  ScriptedModel,
  type ScriptedModelOptions,
  type ScriptedReply,
  ScriptMismatchError,
  scriptedModel,
} from './scripted-model.js';
