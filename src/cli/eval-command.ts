/**
 * `massgen eval` (accuracy, cost and time of a config against its own baselines on a dataset) and
 * `massgen eval compare DIR1 DIR2`. Everything it runs is imported when the command runs.
 */
import type { Command } from 'commander';
import { reportError } from './report-error.js';

/** Every value of a repeatable option among `args` (`--name V` or `--name=V`). */
function repeated(args: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === name && args[i + 1] !== undefined) values.push(args[++i]!);
    else if (arg.startsWith(`${name}=`)) values.push(arg.slice(name.length + 1));
  }
  return values;
}

/** Adds the `eval` command and its `compare` subcommand to the program. */
export function registerEvalCommand(program: Command): void {
  const evalCommand = program
    .command('eval')
    .description('measure configs against their own baselines on a dataset (accuracy, tokens, cost, time)')
    .option('--config <path>', 'config to evaluate (repeat it to compare several)')
    .option('--dataset <file>', 'tasks: JSONL (one task a line) or CSV')
    .option('--baselines <list>', 'comma-separated: single, majority, self-moa, or none', 'single,majority')
    .option('--concurrency <n>', 'task × system runs at once', '4')
    .option('--provider-limit <list>', 'concurrent requests per backend type, e.g. openai=4,claude=2')
    .option('--limit <k>', 'only the first K tasks')
    .option('--out <dir>', 'evaluation folder (default .massgen/evals/eval_<time>)')
    .option('--resume <dir>', 'finish an earlier evaluation: runs only what is missing, with its settings')
    .option('--cache', 'answer identical model requests from a response cache in the folder')
    .option('--max-cost <usd>', 'stop scheduling runs once the evaluation has spent this much')
    .option(
      '--scoring <name>',
      'scorer of tasks that name none: exact, normalized, numeric, choice, regex, contains, judge',
    )
    .option('--judge <config>', 'config whose first agent grades answers (scoring judge)')
    .option('--rubric <text>', 'what the judge checks (text, or @FILE)')
    .action(async (_flags, cmd: Command) => {
      try {
        const { evalCommand: run } = await import('../eval/command.js');
        const args = process.argv.slice(process.argv.indexOf('eval') + 1);
        const flags = cmd.opts();
        // Given only by default: a resumed evaluation keeps its own.
        const given = (name: string) => cmd.getOptionValueSource(name) === 'cli';
        process.exitCode = await run({
          ...flags,
          baselines: given('baselines') ? flags.baselines : undefined,
          concurrency: given('concurrency') ? flags.concurrency : undefined,
          config: repeated(args, '--config'),
        });
      } catch (error) {
        process.exitCode = reportError(error);
      }
    });
  evalCommand
    .command('compare')
    .description('what changed between two evaluations, paired per task')
    .argument('<dir1>', 'the earlier evaluation folder')
    .argument('<dir2>', 'the later evaluation folder')
    .option('--json', 'print JSON')
    .action(async (first: string, second: string, _flags, cmd: Command) => {
      try {
        const { compareCommand } = await import('../eval/command.js');
        // The program's own --json takes the flag too.
        process.exitCode = await compareCommand(first, second, cmd.optsWithGlobals<{ json?: boolean }>());
      } catch (error) {
        process.exitCode = reportError(error);
      }
    });
}
