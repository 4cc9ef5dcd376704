/**
 * `massgen memory list | search | forget`: the long-term memory store from the command line. The
 * store and the embedding model come from `--config FILE`, else `./.massgen/config.yaml`, else the
 * default store `.massgen/memory.db` (search needs an embedding model, so a config).
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import type { MemoryRecord } from '../memory/store.js';
import { oneLine, terminalJson, terminalText } from '../ui/terminal-text.js';
import { EXIT } from './exit-codes.js';
import { reportError } from './report-error.js';

interface MemoryFlags {
  config?: string;
  json?: boolean;
  limit?: string;
  user?: string;
}

// Memories are what models wrote: their control characters are shown.
const out = (text: string) => process.stdout.write(terminalText(text));

/** Adds the `memory` command and its subcommands to the program. */
export function registerMemoryCommand(program: Command): void {
  const memory = program
    .command('memory')
    .description('long-term memory: list, search or forget what agents remember');
  const action =
    (fn: (args: string[], flags: MemoryFlags) => Promise<number>) =>
    async (...args: unknown[]) => {
      const cmd = args.at(-1) as Command;
      try {
        process.exitCode = await fn(args.slice(0, -2) as string[], cmd.optsWithGlobals<MemoryFlags>());
      } catch (error) {
        process.exitCode = reportError(error);
      }
    };
  memory
    .command('list')
    .description('list the stored memories')
    .option('--config <path>', 'config whose memory settings to use (default ./.massgen/config.yaml)')
    .option('--user <id>', 'only this user’s memories')
    .option('--json', 'print JSON')
    .action(action((_, flags) => listMemories(flags)));
  memory
    .command('search')
    .description('the memories nearest to a query (needs the embedding settings of a config)')
    .argument('<query>', 'what to look for')
    .option('--config <path>', 'config whose memory settings to use (default ./.massgen/config.yaml)')
    .option('--limit <n>', 'how many results', '5')
    .option('--user <id>', 'only this user’s memories')
    .option('--json', 'print JSON')
    .action(action(([query], flags) => searchMemories(query!, flags)));
  memory
    .command('forget')
    .description('delete one memory by id (its text stays in the store’s change history)')
    .argument('<id>', 'the memory id, as listed')
    .option('--config <path>', 'config whose memory settings to use (default ./.massgen/config.yaml)')
    .action(action(([id], flags) => forgetMemory(id!, flags)));
}

/** The store path and embedding settings of the chosen config. */
async function memorySettings(flags: MemoryFlags) {
  const { agentMemorySettings, resolveMemoryPath } = await import('../memory/settings.js');
  const cwd = process.cwd();
  const fallback = path.join(cwd, '.massgen', 'config.yaml');
  const ref = flags.config ?? (existsSync(fallback) ? fallback : undefined);
  if (!ref) return { file: resolveMemoryPath(undefined, cwd), embedding: undefined, configFile: undefined };
  const { loadConfigFile } = await import('../config/load.js');
  const { config, path: configFile } = await loadConfigFile(ref, { cwd, home: os.homedir() });
  const first = config.agents[0];
  const persistent = agentMemorySettings(first?.id ?? 'agent1', config.memory, first?.memory, cwd).persistent;
  return {
    file: persistent?.path ?? resolveMemoryPath(undefined, cwd),
    embedding: persistent?.embedding,
    configFile,
  };
}

async function openStore(file: string) {
  const { MemoryStore } = await import('../memory/store.js');
  return MemoryStore.open(file);
}

function line(m: MemoryRecord, extra = ''): string {
  return `${m.id}  ${m.updatedAt.slice(0, 10)}  ${m.userId}/${m.agentId}  ${extra}${oneLine(m.text)}\n`;
}

async function listMemories(flags: MemoryFlags): Promise<number> {
  const { file } = await memorySettings(flags);
  if (!existsSync(file)) {
    out(flags.json ? '[]\n' : `No memories yet (${file} does not exist).\n`);
    return EXIT.ok;
  }
  const store = await openStore(file);
  try {
    const memories = store.list(flags.user ? { userId: flags.user } : {});
    if (flags.json) out(`${terminalJson(memories)}\n`);
    else {
      for (const m of memories) out(line(m));
      out(`${memories.length} ${memories.length === 1 ? 'memory' : 'memories'} in ${file}\n`);
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
}

async function searchMemories(query: string, flags: MemoryFlags): Promise<number> {
  const { ConfigError } = await import('../errors.js');
  const limit = Number(flags.limit ?? 5);
  if (!Number.isInteger(limit) || limit <= 0)
    throw new ConfigError(`--limit must be a positive whole number, got "${flags.limit}".`);
  const { file, embedding, configFile } = await memorySettings(flags);
  if (!embedding) {
    throw new ConfigError(
      configFile
        ? `memory search needs embedding settings, and ${configFile} has no memory.persistent_memory block.`
        : 'memory search needs the embedding settings of a config: pass --config FILE (or create ./.massgen/config.yaml) with memory.persistent_memory.embedding.',
    );
  }
  if (!existsSync(file)) {
    out(flags.json ? '[]\n' : `No memories yet (${file} does not exist).\n`);
    return EXIT.ok;
  }
  const { loadEnvFiles } = await import('../config/env.js');
  loadEnvFiles();
  const { createEmbedder } = await import('../memory/models.js');
  const embedder = await createEmbedder(embedding, process.env);
  const [vector] = await embedder.embed([query]);
  const store = await openStore(file);
  try {
    const hits = store.search(vector!, limit, flags.user ? { userId: flags.user } : {});
    if (flags.json) out(`${terminalJson(hits)}\n`);
    else for (const h of hits) out(line(h, `(${(1 - h.distance).toFixed(3)}) `));
    return EXIT.ok;
  } finally {
    store.close();
  }
}

async function forgetMemory(id: string, flags: MemoryFlags): Promise<number> {
  const { file } = await memorySettings(flags);
  const { ConfigError } = await import('../errors.js');
  if (!existsSync(file)) throw new ConfigError(`No memory with id ${id}: ${file} does not exist.`);
  const store = await openStore(file);
  try {
    const memory = store.get(id);
    // Runs writing to the store at the same time are waited for.
    if (!memory || !(await store.retry(() => store.delete(id))))
      throw new ConfigError(`No memory with id ${id} in ${file}.`);
    out(`Forgot ${id}: ${oneLine(memory.text)}\n`);
    return EXIT.ok;
  } finally {
    store.close();
  }
}
