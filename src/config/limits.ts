/**
 * Bounds on what a config may ask for, and on how much of a bad value a message repeats: the longest
 * timeout a Node.js timer can hold, the size and nesting of a config file, and the length of a value
 * echoed in an error.
 */
import { ConfigError } from '../errors.js';

/**
 * Longest timeout in seconds. Node.js timers hold at most 2³¹−1 ms (about 24.8 days); a longer
 * delay fires at once, so a longer timeout would end a run immediately instead of never.
 */
export const MAX_TIMEOUT_SECONDS = 2_147_483;

/** The longest timeout in words, for messages. */
export const MAX_TIMEOUT_TEXT = `${MAX_TIMEOUT_SECONDS} seconds (about 24.8 days, the longest timer Node.js can set)`;

/**
 * Largest config file read, in bytes (1 MiB, a hundred times the largest MassGen example): parsing
 * YAML costs about 10 µs per node, so a file this size of one-character items takes seconds.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Deepest nesting of mappings and lists a config may have. */
export const MAX_CONFIG_DEPTH = 64;

/** Most alias uses a YAML config may expand (the `yaml` package's `maxAliasCount`). */
export const MAX_YAML_ALIASES = 1000;

/** Longest part of a value repeated in a message; longer values are cut. */
export const MAX_ECHO_CHARS = 80;

/** `text` cut to `max` characters with `…` and the length it had, when longer. */
export function clip(text: string, max: number = MAX_ECHO_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length} characters)`;
}

/**
 * The seconds of a command-line timeout flag (`--orchestrator-timeout`). Throws a ConfigError when
 * it is not a positive number of at most {@link MAX_TIMEOUT_SECONDS}.
 */
export function parseTimeoutFlag(flag: string, value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new ConfigError(`${flag} must be a positive number of seconds, got "${clip(value)}".`);
  }
  if (seconds > MAX_TIMEOUT_SECONDS) {
    throw new ConfigError(`${flag} must be at most ${MAX_TIMEOUT_TEXT}, got ${clip(value)}.`);
  }
  return seconds;
}
