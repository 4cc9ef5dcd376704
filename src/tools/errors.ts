/**
 * Errors of the tool system. Failures of a call never end a turn: they become error results for the
 * model. These classes say what kind of failure it was (and whether trying again may help).
 */
import { ConfigError, type ConfigIssue, MassGenError } from '../errors.js';

/** A tool call failed. */
export class ToolError extends MassGenError {}

/** A tool call took longer than its limit. */
export class ToolTimeoutError extends ToolError {
  override readonly isRetryable = true;

  constructor(
    readonly toolName: string,
    readonly timeoutMs: number,
  ) {
    super(`Tool ${toolName} timed out after ${timeoutMs / 1000}s.`);
  }
}

/** An MCP server could not be reached, or its connection broke (a transport failure). */
export class ToolServerError extends ToolError {
  override readonly isRetryable: boolean;

  constructor(message: string, options: { isRetryable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.isRetryable = options.isRetryable ?? true;
  }
}

/** An MCP server's circuit breaker is open: calls fail fast until `retryAt`. */
export class CircuitOpenError extends ToolServerError {
  constructor(
    server: string,
    readonly retryAt: number,
  ) {
    const seconds = Math.max(1, Math.ceil((retryAt - Date.now()) / 1000));
    super(
      `MCP server "${server}" is unavailable after repeated failures; it will be tried again in ${seconds}s.`,
      { isRetryable: false },
    );
  }
}

/** A `${VAR}` in an MCP server entry names a variable that is not set (or is empty). */
export class MissingEnvVarError extends MassGenError {
  constructor(
    readonly variable: string,
    where: string,
    empty = false,
  ) {
    super(`environment variable ${variable} (used in ${where}) is ${empty ? 'empty' : 'not set'}`);
  }
}

/** A custom tool cannot be loaded: missing module, missing export, bad schema. Ends the run (exit 1). */
export class CustomToolError extends ConfigError {
  constructor(message: string, issue: ConfigIssue) {
    super(message, [issue]);
  }
}
