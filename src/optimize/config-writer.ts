/**
 * Writing the optimised config: the original file's YAML (comments and every other key kept) with
 * each tuned agent's `system_message` replaced, checked by the config loader before it takes the
 * place of the output file, so what is written always loads.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, Scalar } from 'yaml';
import { type LoadedConfig, loadConfigFile } from '../config/load.js';
import { ConfigError } from '../errors.js';

/** The key path of the agent at `index` in the file: `agents[index]`, or `agent` for a one-agent file. */
function agentPath(raw: unknown, index: number): Array<string | number> {
  const record = (raw ?? {}) as Record<string, unknown>;
  if (Array.isArray(record.agents)) return ['agents', index];
  if (record.agent !== undefined && index === 0) return ['agent'];
  throw new ConfigError(`the config has no agent #${index + 1} to write a system message for`);
}

/**
 * The text of `source`'s file with the system messages of `messages` (by agent id) in place. An
 * agent's `append_system_prompt` is dropped: it is part of the system message that was tuned.
 */
export function optimizedConfigText(
  source: LoadedConfig,
  originalText: string,
  messages: ReadonlyMap<string, string>,
): string {
  const doc = parseDocument(originalText);
  source.config.agents.forEach((agent, index) => {
    const message = agent.id === undefined ? undefined : messages.get(agent.id);
    if (message === undefined) return;
    const at = agentPath(source.raw, index);
    const node = new Scalar(message);
    if (message.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
    doc.setIn([...at, 'system_message'], node);
    if (doc.hasIn([...at, 'append_system_prompt'])) doc.deleteIn([...at, 'append_system_prompt']);
  });
  return doc.toString({ lineWidth: 0 });
}

/**
 * Writes `text` to `file` once the loader accepts it (a temporary file beside it is loaded first).
 * Returns the loaded config. Throws the loader's ConfigError when it does not load.
 */
export async function writeValidatedConfig(
  file: string,
  text: string,
  options: { cwd: string; home: string },
): Promise<LoadedConfig> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp.yaml`);
  writeFileSync(temporary, text);
  try {
    const loaded = await loadConfigFile(temporary, options);
    renameSync(temporary, file);
    return { ...loaded, path: file };
  } finally {
    rmSync(temporary, { force: true });
  }
}
