/**
 * The classifier's verdicts, kept in the user's MassGen folder (`~/.massgen/safety/tool-risk.json`)
 * by server and tool, each with a hash of the tool's description and schema: a tool whose
 * description changes is judged again. The user may set a verdict (`massgen safety tools set`),
 * which then holds like a declaration. One classification per tool at a time: callers asking for a
 * tool being classified wait for that answer.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../errors.js';
import { writeFileAtomic } from '../../events/atomic-write.js';
import type { RiskLevel } from '../../types/safety.js';
import type { ClassifierVerdict, ToolClassifier, ToolDescription } from './classifier.js';

/** One remembered verdict. */
export interface CachedVerdict {
  server: string;
  tool: string;
  /** The name the model saw when it was classified. */
  name: string;
  /** sha256 (hex, first 16) of the description and input schema it was judged on. */
  hash: string;
  level: RiskLevel;
  openWorld: boolean;
  reason: string;
  /** `classifier`: the model's verdict; `user`: set with `massgen safety tools set`. */
  by: 'classifier' | 'user';
  /** The classifier's `type/model`. */
  model?: string;
  /** ISO time of the verdict. */
  at: string;
}

interface CacheFile {
  version: 1;
  tools: Record<string, CachedVerdict>;
}

const LEVELS: readonly RiskLevel[] = ['read-only', 'reversible', 'irreversible', 'unknown'];
/** Longest a classification may take. */
export const CLASSIFIER_TIMEOUT_MS = 60_000;

/** `work`, or a rejection with the signal's reason when it aborts first. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/** The hash a verdict is bound to. */
export function toolHash(tool: Pick<ToolDescription, 'description' | 'inputSchema'>): string {
  return createHash('sha256')
    .update(`${tool.description}\n${JSON.stringify(tool.inputSchema)}`)
    .digest('hex')
    .slice(0, 16);
}

const keyOf = (server: string, tool: string) => `${server}/${tool}`;

function isVerdict(value: unknown): value is CachedVerdict {
  const v = value as CachedVerdict;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.server === 'string' &&
    typeof v.tool === 'string' &&
    typeof v.hash === 'string' &&
    LEVELS.includes(v.level) &&
    typeof v.openWorld === 'boolean'
  );
}

export class ToolRiskCache {
  readonly file: string;
  private readonly inflight = new Map<string, Promise<CachedVerdict | undefined>>();
  private saving: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.file = file;
  }

  /** The cache file of a home folder. */
  static fileIn(home: string = os.homedir()): string {
    return path.join(home, '.massgen', 'safety', 'tool-risk.json');
  }

  /** Reads the file; a missing one is empty. Throws ConfigError naming the file when it is not a cache. */
  read(): Record<string, CachedVerdict> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new ConfigError(`Cannot read ${this.file}: ${(error as Error).message}`);
    }
    let parsed: CacheFile;
    try {
      parsed = JSON.parse(text) as CacheFile;
    } catch (error) {
      throw new ConfigError(
        `${this.file} is not valid JSON (${(error as Error).message}); fix it or delete it (the tools are then classified again)`,
      );
    }
    const tools = parsed?.tools;
    if (typeof tools !== 'object' || tools === null) {
      throw new ConfigError(
        `${this.file} has no "tools" object; fix it or delete it (the tools are then classified again)`,
      );
    }
    return Object.fromEntries(Object.entries(tools).filter(([, v]) => isVerdict(v)));
  }

  /** Every verdict, by server and tool. */
  list(): CachedVerdict[] {
    return Object.values(this.read()).sort((a, b) =>
      keyOf(a.server, a.tool).localeCompare(keyOf(b.server, b.tool)),
    );
  }

  /** The verdict for a tool judged on this description and schema, if any (an unreadable file holds none). */
  get(server: string, tool: string, hash: string): CachedVerdict | undefined {
    let found: CachedVerdict | undefined;
    try {
      found = this.read()[keyOf(server, tool)];
    } catch {
      return undefined;
    }
    return found?.hash === hash ? found : undefined;
  }

  /**
   * The verdict for `tool`: from the file, else from `classifier` (once, however many callers ask
   * at the same time), then written to the file. Undefined when the classifier gave no verdict.
   */
  async classify(
    tool: ToolDescription,
    classifier: ToolClassifier,
    signal?: AbortSignal,
  ): Promise<CachedVerdict | undefined> {
    const hash = toolHash(tool);
    const known = this.get(tool.server, tool.tool, hash);
    if (known) return known;
    const key = `${keyOf(tool.server, tool.tool)}#${hash}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      // Shared by every caller: no caller's signal ends it, only the classifier's own time limit.
      pending = this.classifyNow(tool, hash, classifier).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return signal ? untilAborted(pending, signal) : pending;
  }

  private async classifyNow(
    tool: ToolDescription,
    hash: string,
    classifier: ToolClassifier,
  ): Promise<CachedVerdict | undefined> {
    const verdict: ClassifierVerdict | undefined = await classifier.classify(
      tool,
      AbortSignal.timeout(CLASSIFIER_TIMEOUT_MS),
    );
    if (!verdict) return undefined;
    const entry: CachedVerdict = {
      server: tool.server,
      tool: tool.tool,
      name: tool.name,
      hash,
      level: verdict.level,
      openWorld: verdict.openWorld,
      reason: verdict.reason,
      by: 'classifier',
      model: classifier.model,
      at: new Date().toISOString(),
    };
    await this.store(entry).catch(() => {});
    return entry;
  }

  /**
   * Sets the level (and optionally open-world) of a listed tool, by the name the model saw or by
   * `server/tool`. Throws ConfigError when no listed tool has that name.
   */
  async set(name: string, level: RiskLevel, openWorld?: boolean): Promise<CachedVerdict> {
    const all = this.read();
    const found = all[name] ?? Object.values(all).find((v) => v.name === name);
    if (!found) {
      const names = Object.values(all).map((v) => v.name);
      throw new ConfigError(
        `No tool "${name}" in ${this.file}. ${names.length > 0 ? `Listed tools: ${names.join(', ')}.` : 'No tool has been classified yet.'} Use a name that \`massgen safety tools\` shows (or server/tool).`,
      );
    }
    const entry: CachedVerdict = {
      ...found,
      level,
      openWorld: openWorld ?? found.openWorld,
      reason: `set by the user (was ${found.level}: ${found.reason})`,
      by: 'user',
      at: new Date().toISOString(),
    };
    await this.store(entry);
    return entry;
  }

  /** Writes one verdict (read, merge, atomic replace; writes of this process one at a time). */
  private store(entry: CachedVerdict): Promise<void> {
    const write = async () => {
      const tools = this.read();
      tools[keyOf(entry.server, entry.tool)] = entry;
      mkdirSync(path.dirname(this.file), { recursive: true });
      const file: CacheFile = { version: 1, tools };
      await writeFileAtomic(this.file, `${JSON.stringify(file, null, 2)}\n`);
    };
    const next = this.saving.then(write, write);
    this.saving = next.catch(() => {});
    return next;
  }
}

const shared = new Map<string, ToolRiskCache>();

/** The one cache object of a file in this process, so every agent's judge shares its classifications. */
export function toolRiskCache(file: string = ToolRiskCache.fileIn()): ToolRiskCache {
  let cache = shared.get(file);
  if (!cache) {
    cache = new ToolRiskCache(file);
    shared.set(file, cache);
  }
  return cache;
}
