#!/usr/bin/env node
/**
 * `massgen`: the command-line entry. Kept small: everything heavy is imported when a command runs.
 */
import { Command, Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { reportError } from './report-error.js';

const program = new Command()
  .name('massgen')
  .description(
    'Several LLM agents answer in parallel, read each other’s answers, vote, and the winner presents.',
  )
  .argument('[question]', 'the question to answer')
  .option('--config <path>', 'YAML/JSON config file, or @examples/NAME')
  .option('--backend <type>', 'quick setup: backend type (openai, claude, gemini, grok, chatcompletion, …)')
  .option('--model <name>', 'quick setup: model name')
  .option('--base-url <url>', 'quick setup: API base URL (e.g. a local server)')
  .option('--system-message <text>', 'quick setup: the agent’s system message')
  .option('--automation', 'print plain KEY: value lines for scripts (no colours, no live display)')
  .option('--no-logs', 'do not write the log folder')
  .option(
    '--orchestrator-timeout <seconds>',
    'run deadline in seconds (timeout_settings.orchestrator_timeout_seconds)',
  )
  .option('--validate <file>', 'validate a config file and exit (0 valid, 1 invalid)')
  .option('--json', 'with --validate: print the result as JSON')
  .option('--list-examples', 'list the packaged example configs')
  .addOption(new Option('--reasoning', 'show the agents’ reasoning text in the plain display'))
  .version(pkg.version, '-v, --version')
  .showHelpAfterError()
  .action(async (question: string | undefined, flags) => {
    const { runCommand } = await import('./run-command.js');
    process.exitCode = await runCommand(question, flags);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.exitCode = reportError(error);
});
