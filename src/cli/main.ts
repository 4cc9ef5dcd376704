#!/usr/bin/env node
/**
 * `massgen`: the command-line entry. Kept small: everything heavy is imported when a command runs.
 */
import { Command, Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { registerAuditCommand } from './audit-command.js';
import { registerEvalCommand } from './eval-command.js';
import { EXIT } from './exit-codes.js';
import { registerMemoryCommand } from './memory-command.js';
import { registerOptimizeCommand } from './optimize-command.js';
import { guardProcessOutput } from './output-guard.js';
import { pythonFlagHint } from './python-flags.js';
import { reportError } from './report-error.js';
import { registerSafetyCommand } from './safety-command.js';

guardProcessOutput();

const program = new Command()
  .name('massgen')
  .description(
    'Several LLM agents answer in parallel, read each other’s answers, vote, and the winner presents.',
  )
  .argument('[question]', 'the question to answer (none: interactive mode)')
  .option('--config <path>', 'YAML/JSON config file, or @examples/NAME')
  .option('--backend <type>', 'quick setup: backend type (openai, claude, gemini, grok, chatcompletion, …)')
  .option('--model <name>', 'quick setup: model name')
  .option(
    '--base-url <url>',
    'API base URL (e.g. a local server); with --config: for the agents of --backend TYPE, or of the one type all agents share',
  )
  .option('--system-message <text>', 'quick setup: the agent’s system message')
  .option('--automation', 'print plain KEY: value lines for scripts (no colours, no live display)')
  .option('--no-logs', 'do not write the log folder')
  .option(
    '--orchestrator-timeout <seconds>',
    'run deadline in seconds (timeout_settings.orchestrator_timeout_seconds)',
  )
  .option(
    '--approval-dir <dir>',
    'decide tool calls the safety policy asks about through files: DIR/req_<id>.json is written, DIR/resp_<id>.json answers (beats permissions.approval_dir)',
  )
  .option('--max-cost <usd>', 'cost budget of the run in US dollars (beats budget.max_cost_usd)')
  .option(
    '--attach <file>',
    'give every agent this file with the question (repeatable): image, PDF, .docx, .xlsx, .csv, .pptx, audio, video, text',
    (file: string, files: string[] = []) => [...files, file],
  )
  .option(
    '--transcription-model <model>',
    'transcribe attached audio with this OpenAI model (whisper-1, gpt-4o-transcribe) for agents that cannot listen to it',
  )
  .option(
    '--no-parse-at-references',
    'take @path in the question literally (default: @file attaches the file)',
  )
  .option('--validate <file>', 'validate a config file and exit (0 valid, 1 invalid)')
  .option('--json', 'with --validate or --list-sessions: print JSON')
  .option('--list-examples', 'list the packaged example configs')
  .option('--continue', 'resume the most recent session (with a question: run it as the next turn)')
  .option('--session-id <id>', 'resume a saved session (see --list-sessions)')
  .option('--list-sessions', 'list the saved sessions of this folder, most recent first')
  .addOption(new Option('--reasoning', 'show the agents’ reasoning text in the plain display'))
  .option('--web', 'start the web UI (as massgen serve) and open it; with a question, that run’s page')
  .option('--web-host <address>', 'with --web: address to listen on (off loopback a token is required)')
  .option('--web-port <n>', 'with --web: port to listen on (default 8000)')
  .version(pkg.version, '-v, --version')
  .showHelpAfterError()
  // Options after a command name belong to that command (`massgen eval --max-cost` is the eval's).
  .enablePositionalOptions()
  .action(async (question: string | undefined, flags) => {
    if (flags.web) {
      const { webCommand } = await import('./serve-command.js');
      process.exitCode = await webCommand(question, flags);
      return;
    }
    const { runCommand } = await import('./run-command.js');
    process.exitCode = await runCommand(question, flags);
  });

program
  .command('replay')
  .description('play a recorded run (events.jsonl) back through the display')
  .argument('<path>', 'a log folder (turn_N/ or log_*/), an events.jsonl file, or @examples/demo')
  .option('--speed <n>', 'playback speed: 2 = twice as fast, 0 = as fast as possible', '1')
  .option('--plain', 'use the plain printer even on a terminal')
  .option('--reasoning', 'plain printer: show the agents’ reasoning text')
  .action(async (target: string, flags) => {
    const { replayCommand } = await import('./replay-command.js');
    process.exitCode = await replayCommand(target, flags);
  });

program
  .command('stats')
  .description('calls, tokens, cost and time per agent, model and phase of a run or a whole session')
  .argument('<target>', 'a log folder (turn_N/ or log_*/), an events.jsonl file, or a session id')
  .option('--json', 'print JSON')
  .action(async (target: string, _flags, cmd: Command) => {
    const { statsCommand } = await import('./stats-command.js');
    // The program's own --json takes the flag too.
    process.exitCode = await statsCommand(target, cmd.optsWithGlobals());
  });

program
  .command('serve')
  .description('start the web UI, the HTTP API and the OpenAI-compatible endpoint on one local server')
  .option('--host <address>', 'address to listen on (off loopback a token is required)', '127.0.0.1')
  .option('--port <n>', 'port to listen on (0: any free port)', '8000')
  .option(
    '--config <path>',
    'a config to offer (repeatable): in the start form and as a model of /v1',
    (v: string, all: string[]) => [...all, v],
    [],
  )
  .option('--token <token>', 'require this token of every API request (default MASSGEN_SERVER_TOKEN)')
  .option('--open', 'open the web UI in the browser')
  .action(async (_flags, cmd: Command) => {
    const { serveCommand } = await import('./serve-command.js');
    process.exitCode = await serveCommand(cmd.optsWithGlobals());
  });

program
  .command('crew')
  .description('CrewAI crews on MassGen agents')
  .command('run')
  .description(
    'run a CrewAI crew folder (crew.jsonc + agents/, or config/agents.yaml + config/tasks.yaml), task by task',
  )
  .argument('<dir>', 'the crew folder')
  .argument('[question]', 'the request, given to every task (and as the {question} input)')
  .option(
    '--input <key=value>',
    'a value for a {key} placeholder (repeatable)',
    (v: string, all: string[]) => [...all, v],
    [],
  )
  .option('--process <process>', 'sequential or hierarchical, over what the crew declares')
  .option('--manager-llm <model>', 'the manager model of a hierarchical crew (e.g. openai/gpt-4o)')
  .action(async (dir: string, question: string | undefined, _flags, cmd: Command) => {
    const { crewRunCommand } = await import('./crew-command.js');
    process.exitCode = await crewRunCommand(dir, question, cmd.optsWithGlobals());
  });

registerMemoryCommand(program);
registerAuditCommand(program);
registerSafetyCommand(program);
registerEvalCommand(program);
registerOptimizeCommand(program);

const hint = pythonFlagHint(process.argv.slice(2));
if (hint) {
  process.stderr.write(`${hint}\n`);
  process.exitCode = EXIT.config;
} else {
  program.parseAsync(process.argv).catch((error: unknown) => {
    process.exitCode = reportError(error);
  });
}
