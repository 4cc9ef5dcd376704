/**
 * Flags of the Python MassGen command that MassGen-TS spells differently or does without: each one
 * gets a one-line hint naming what to use instead, rather than a bare "unknown option".
 */

/** Flag (without a value) → what to do instead. */
export const PYTHON_FLAG_HINTS: Readonly<Record<string, string>> = {
  '--debug': 'set MASSGEN_DEBUG=1 for stack traces; every run already logs to .massgen/massgen_logs',
  '--no-display': 'set ui.display_type: simple in the config, or use --automation for script output',
  '--init':
    'no wizard is needed: set a provider key (e.g. OPENAI_API_KEY) in the environment or ./.env and run massgen "question", or start from massgen --list-examples',
  '--setup':
    'set a provider key (e.g. ANTHROPIC_API_KEY=…) in the environment, in ./.env or in ~/.massgen/.env',
  '--config-builder': 'start from a packaged config: massgen --list-examples, then --config @examples/NAME',
  '--select': 'name the config with --config FILE or --config @examples/NAME (see --list-examples)',
  '--example': 'list the packaged configs with --list-examples and run one with --config @examples/NAME',
  '--show-schema':
    'the config keys are documented in the README (Configuration); check a file with --validate FILE',
  '--schema-backend': 'the config keys are documented in the README (Configuration)',
  '--with-examples': 'list the packaged configs with --list-examples',
  '--strict': 'warnings never fail --validate; it exits 1 only for errors',
  '--skip-validation': 'configs are always validated before a run',
  '--strict-validation': 'configs are always validated before a run; warnings name what is not built yet',
  '--rate-limit':
    'rate limits are handled per request: 429 replies are retried after the wait the provider asks for',
  '--enable-rate-limiting':
    'rate limits are handled per request: 429 replies are retried after the wait the provider asks for',
  '--all': '--list-sessions already lists every saved session',
};

/** The hint for the first Python MassGen flag among `args`, as one line, or undefined. */
export function pythonFlagHint(args: readonly string[]): string | undefined {
  for (const arg of args) {
    if (arg === '--') return undefined;
    const flag = arg.split('=')[0]!;
    const hint = PYTHON_FLAG_HINTS[flag];
    if (hint) return `error: ${flag} is a Python MassGen flag: ${hint}.`;
  }
  return undefined;
}
