/**
 * Errors. One base class; each subclass names a family of failures. `exitCode` is what the CLI exits
 * with when the error ends a run; `isRetryable` says whether trying again may help.
 *
 * Every error is branded with the names of its classes, so `ConfigError.isInstance(error)` holds for
 * a ConfigError from any copy of the package (the library, the bundled CLI, a custom tool module
 * importing `massgen`), where `instanceof` would not.
 */
const BRAND = 'massgen.error';
const brandOf = (name: string) => Symbol.for(`${BRAND}:${name}`);

export class MassGenError extends Error {
  /** CLI exit code when this error ends the process. */
  readonly exitCode: number = 2;
  /** Whether the same operation may succeed if tried again. */
  readonly isRetryable: boolean = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    for (let c: unknown = new.target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
      Object.defineProperty(this, brandOf((c as { name: string }).name), { value: true });
    }
  }

  /** Whether `value` is an error of this class (or a subclass), from any copy of the package. */
  static isInstance<T extends abstract new (...args: never[]) => MassGenError>(
    this: T,
    value: unknown,
  ): value is InstanceType<T> {
    // `this` is the class the method is called on (`ConfigError.isInstance`), not MassGenError.
    // biome-ignore lint/complexity/noThisInStatic: the subclass decides the brand
    const brand = brandOf(this.name);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }
}

/** One problem found in a config file. */
export interface ConfigIssue {
  /** The file the problem is in (absolute path), or a description such as `command line`. */
  file: string;
  /** Key path inside the file, e.g. `agents[1].backend.type`; empty for the whole file. */
  path: string;
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  suggestion?: string;
}

/** The configuration cannot be used: bad YAML, unknown keys, wrong types, unsupported features. */
export class ConfigError extends MassGenError {
  override readonly exitCode = 1;
  readonly issues: ConfigIssue[];

  constructor(message: string, issues: ConfigIssue[] = []) {
    super(message);
    this.issues = issues;
  }
}

/** A provider needs an API key and none was found. */
export class MissingApiKeyError extends ConfigError {
  readonly variable: string;

  constructor(agentId: string, backendType: string, variable: string) {
    super(
      `Agent "${agentId}" (backend ${backendType}) needs an API key: set ${variable} in the environment, ` +
        `in ./.env or in ~/.massgen/.env, or give backend.api_key in the config.`,
    );
    this.variable = variable;
  }
}

/**
 * The `api_key` of a backend refers to `${VAR}` and that variable is not set or is empty. The key is
 * then never taken from another variable: the run stops before any request.
 */
export class UnsetKeyVariableError extends ConfigError {
  readonly variable: string;

  constructor(owner: string, variable: string) {
    super(
      `${owner}: api_key refers to \${${variable}}, which is not set or is empty; set ${variable} in the ` +
        `environment, in ./.env or in ~/.massgen/.env (the key is never taken from another variable).`,
    );
    this.variable = variable;
  }
}
