/**
 * The `gemini_cli` adapter: each turn is one headless run of the Gemini CLI (`@google/gemini-cli`,
 * its self-contained `bundle/gemini.js`) as a child process in the agent's workspace, with
 * `--output-format stream-json`, the backend's `--model` and `--approval-mode`, and the prompt on
 * its stdin. The child gets a private HOME whose `~/.gemini/settings.json` pins API-key auth,
 * switches off usage statistics, telemetry and update checks, and points `mcpServers.massgen` at the
 * turn's loopback workflow server (see ../workflow-mcp-server.ts; the model sees
 * `mcp_massgen_new_answer` and `mcp_massgen_vote`); the coordination prompt is its global context
 * file (`~/.gemini/GEMINI.md`), which the CLI adds to its system prompt.
 *
 * Once a decision is accepted the process is ended before the tool's result reaches it, so no model
 * call follows the decision; the usage and thoughts of its calls are read from the session record
 * (see session-record.ts). Abort (interrupt, deadline, agent timeout) ends the process group too.
 *
 * Its own tool calls go through the run's safety checks (`checkTool`) by its `BeforeTool` hook (see
 * tool-gate.ts), as the MassGen tools they stand for (see tool-names.ts); its approval mode decides
 * which tools it has at all (headless `default` offers only read-only ones). The child gets a small
 * environment (PATH, locale, terminal), the key as `GEMINI_API_KEY` and the base URL as
 * `GOOGLE_GEMINI_BASE_URL`; no user settings are read.
 */

import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../errors.js';
import type {
  AdapterFactory,
  AdapterToolCall,
  AdapterTurn,
  AdapterTurnResult,
  AgentAdapter,
} from '../../types/agent-adapter.js';
import { passedEnv, ScratchDir } from '../cli-agent-home.js';
import { AdapterError } from '../errors.js';
import { startWorkflowMcpServer, type WorkflowMcpServer } from '../workflow-mcp-server.js';
import {
  CLI_PATH_VARIABLE,
  type CliExit,
  findGeminiCli,
  type GeminiCliCommand,
  GeminiCliProcess,
} from './cli-process.js';
import { recordedCalls } from './session-record.js';
import {
  type GeminiCliBackend,
  type GeminiCliSettings,
  geminiCliSettings,
  settingsFile,
} from './settings.js';
import { GeminiStreamReader } from './stream-reader.js';
import { startToolGate, type ToolGate } from './tool-gate.js';
import { geminiCliBuiltin } from './tool-names.js';

/** Start-up chatter of the CLI on stderr, left out of error messages. */
const NOISE = [/^Warning: 256-color/, /^Ripgrep is not available/, /^\[STARTUP\]/, /^YOLO mode is enabled/];

/** The last meaningful lines of the CLI's stderr. */
function stderrSummary(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !NOISE.some((n) => n.test(l)));
  return lines.slice(-3).join(' ') || 'no message';
}

class GeminiCliAdapter implements AgentAdapter {
  readonly type = 'gemini_cli';
  private readonly scratch: ScratchDir;

  constructor(
    agentId: string,
    private readonly settings: GeminiCliSettings,
    private readonly command: GeminiCliCommand,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.scratch = new ScratchDir(`massgen-gemini-cli-${agentId}`);
  }

  /** Writes the child's `~/.gemini` for one turn and returns the child's environment. */
  private prepareHome(
    turn: AdapterTurn,
    workflowUrl: string | undefined,
    gate: ToolGate | undefined,
  ): Record<string, string> {
    const home = path.join(this.scratch.path, 'home');
    const gemini = path.join(home, '.gemini');
    mkdirSync(gemini, { recursive: true });
    const settings = { ...settingsFile(this.settings, workflowUrl), ...(gate ? { hooks: gate.hooks } : {}) };
    writeFileSync(path.join(gemini, 'settings.json'), JSON.stringify(settings));
    const context = [this.settings.appendSystemPrompt, turn.system].filter((p) => p).join('\n\n');
    writeFileSync(path.join(gemini, 'GEMINI.md'), context);
    const env: Record<string, string> = {
      ...passedEnv(this.env),
      HOME: home,
      GEMINI_CLI_NO_RELAUNCH: 'true',
      NO_COLOR: '1',
      GEMINI_API_KEY: this.settings.apiKey,
      ...(this.settings.baseUrl ? { GOOGLE_GEMINI_BASE_URL: this.settings.baseUrl } : {}),
    };
    if (this.settings.systemPrompt) {
      const file = path.join(gemini, 'system.md');
      writeFileSync(file, this.settings.systemPrompt);
      env.GEMINI_SYSTEM_MD = file;
    }
    return env;
  }

  async run(turn: AdapterTurn): Promise<AdapterTurnResult> {
    if (turn.signal.aborted) throw turn.signal.reason;
    let decided = false;
    let child: GeminiCliProcess | undefined;
    // A decision ends the process before its result is written back: no model call follows it.
    const tools = turn.tools.map((t) => ({
      ...t,
      execute: async (args: Record<string, unknown>) => {
        const result = await t.execute(args);
        if (result.final) {
          decided = true;
          void child?.stop();
        }
        return result;
      },
    }));
    const sessionId = randomUUID();
    const reader = new GeminiStreamReader(turn.events);
    const onAbort = () => void child?.stop();
    let server: WorkflowMcpServer | undefined;
    let gate: ToolGate | undefined;
    let exit: CliExit;
    try {
      if (tools.length > 0) server = await startWorkflowMcpServer(tools);
      if (turn.checkTool) gate = await startToolGate(turn.checkTool, this.scratch.path);
      const env = this.prepareHome(turn, server?.url, gate);
      const workspace = turn.workspace ?? path.join(this.scratch.path, 'work');
      mkdirSync(workspace, { recursive: true });
      const args = [
        '--output-format',
        'stream-json',
        '--model',
        this.settings.model,
        '--approval-mode',
        this.settings.approvalMode,
        '--session-id',
        sessionId,
      ];
      child = new GeminiCliProcess(this.command, args, {
        cwd: workspace,
        env,
        input: turn.prompt,
        onLine: (line) => reader.readLine(line),
      });
      turn.signal.addEventListener('abort', onAbort, { once: true });
      if (turn.signal.aborted) void child.stop();
      exit = await child.exited;
    } finally {
      turn.signal.removeEventListener('abort', onAbort);
      await child?.stop();
      await server?.close();
      await gate?.close();
      this.reportCalls(turn, reader.sessionId ?? sessionId, reader);
    }
    if (turn.signal.aborted) throw turn.signal.reason;
    if (decided) return { text: reader.text() };
    if (exit.spawnError) {
      throw new AdapterError(
        this.type,
        `the Gemini CLI could not start (${[this.command.program, ...this.command.prefix].join(' ')}): ${exit.spawnError.message}`,
        { cause: exit.spawnError },
      );
    }
    const failure = reader.failure();
    if (failure) throw new AdapterError(this.type, failure);
    if (exit.code !== 0) {
      const when = reader.sessionId === undefined ? 'before starting its turn' : 'during its turn';
      const how = exit.code === null ? `was stopped by ${exit.signal}` : `exited with code ${exit.code}`;
      throw new AdapterError(this.type, `the Gemini CLI ${how} ${when}: ${stderrSummary(exit.stderr)}`);
    }
    return { text: reader.text() };
  }

  /** The thoughts and usage of each model call of the turn (from the session record), else the turn's total. */
  private reportCalls(turn: AdapterTurn, sessionId: string, reader: GeminiStreamReader): void {
    const calls = recordedCalls(path.join(this.scratch.path, 'home', '.gemini'), sessionId);
    let reported = false;
    for (const call of calls) {
      if (call.thoughts.length > 0) turn.events.reasoning(call.thoughts.join(' '));
      if (call.usage) {
        turn.events.usage(call.usage);
        reported = true;
      }
    }
    if (!reported && reader.totalUsage) turn.events.usage(reader.totalUsage);
  }

  asBuiltinTool(call: AdapterToolCall): { toolName: string; input: unknown } | 'internal' | undefined {
    return geminiCliBuiltin(call);
  }

  async close(): Promise<void> {
    this.scratch.remove();
  }
}

/**
 * The adapter of one `gemini_cli` agent. Throws MissingApiKeyError when no key is found, a
 * ConfigError when the Gemini CLI is not there.
 */
export const createGeminiCliAdapter: AdapterFactory = (setup) => {
  const backend = setup.backend as unknown as GeminiCliBackend;
  const settings = geminiCliSettings(setup.agentId, backend, setup.env);
  const found = findGeminiCli(setup.env);
  if (!found.command) {
    throw new ConfigError(
      `Agent "${setup.agentId}" (backend type "gemini_cli") cannot run: ${found.problem}. ` +
        `Install the Gemini CLI (npm install @google/gemini-cli), or set ${CLI_PATH_VARIABLE} to its gemini.js`,
    );
  }
  return new GeminiCliAdapter(setup.agentId, settings, found.command, setup.env);
};
