/** Process exit codes of the `massgen` command. */
export const EXIT = {
  /** The run finished with a final answer. */
  ok: 0,
  /** The config or the command line is wrong (including a missing API key). */
  config: 1,
  /** Any other failure. */
  error: 2,
  /** The run deadline passed before any answer was given. */
  timeout: 3,
  /** Interrupted (Ctrl-C); logs flushed. */
  interrupted: 4,
} as const;
