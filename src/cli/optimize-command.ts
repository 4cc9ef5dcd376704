/**
 * `massgen optimize`: tunes each agent's system message (and few-shot demonstrations) on a train
 * split and reports the score before and after on a held-out split. Everything it runs (Ax among
 * it) is imported when the command runs.
 */
import type { Command } from 'commander';
import { reportError } from './report-error.js';

/** Adds the `optimize` command to the program. */
export function registerOptimizeCommand(program: Command): void {
  program
    .command('optimize')
    .description("tune each agent's system message and demonstrations on a dataset; score before and after")
    .option('--config <path>', 'config to optimise')
    .option('--dataset <file>', 'tasks: JSONL (one task a line) or CSV')
    .option('--metric <name>', 'scorer: exact, normalized, numeric, choice, contains, regex')
    .option('--budget <usd>', 'stop once scoring and optimising have spent this much')
    .option('--out <file>', 'the optimised config (default optimized.yaml in the optimisation folder)')
    .option('--split <fraction>', 'fraction of the tasks held out for scoring', '0.5')
    .option(
      '--optimizer <name>',
      'bootstrap (few-shot demonstrations) or gepa (also rewrites the instruction)',
      'bootstrap',
    )
    .option('--seed <n>', 'seed of the split and the optimiser', '1')
    .option('--max-demos <n>', 'most demonstrations per agent', '4')
    .option('--concurrency <n>', 'held-out runs at once', '4')
    .option('--dir <dir>', 'optimisation folder (default .massgen/optimize/optimize_<time>)')
    .action(async (_flags, cmd: Command) => {
      try {
        const { optimizeCommand } = await import('../optimize/command.js');
        // The program's own --config takes the value: read it with the globals.
        process.exitCode = await optimizeCommand({
          ...cmd.optsWithGlobals(),
          ...cmd.opts(),
          config: cmd.optsWithGlobals().config,
        });
      } catch (error) {
        process.exitCode = reportError(error);
      }
    });
}
