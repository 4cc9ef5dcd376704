/**
 * The environment of the programs tools start (`execute_command`, command-line custom tools):
 * never MassGen's own environment, which holds the provider keys (also those loaded from `.env`
 * files), but a minimal one — PATH, HOME, LANG, TERM — plus what the config names explicitly.
 */

/** Used when MassGen's own environment has no PATH. */
const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';

export interface CommandEnvOptions {
  /** MassGen's environment: PATH, LANG and TERM are taken from it. */
  from: NodeJS.ProcessEnv;
  /** HOME of the program. */
  home: string;
  /** Variables the config gives the program; they win over the minimal ones. */
  extra?: Readonly<Record<string, string>>;
}

/** The minimal environment of a program started by a tool. */
export function commandEnv(options: CommandEnvOptions): Record<string, string> {
  const { from } = options;
  return {
    PATH: from.PATH || DEFAULT_PATH,
    HOME: options.home,
    LANG: from.LANG || 'C.UTF-8',
    TERM: from.TERM || 'dumb',
    ...options.extra,
  };
}
