/**
 * The errors and warnings found while reading AG2 blocks (`type: ag2`), and the key paths of the
 * native blocks written in their place, so a schema error about a translated block names the AG2
 * key it came from.
 */
import type { ConfigIssue } from '../../errors.js';

/** Collects the issues of one config's AG2 blocks. */
export class Ag2Issues {
  readonly errors: ConfigIssue[] = [];
  readonly warnings: ConfigIssue[] = [];
  /** Translated path prefix → the AG2 path it was written from, longest first when read. */
  private readonly origins: Array<[translated: string, original: string]> = [];

  constructor(readonly file: string) {}

  error(path: string, message: string, suggestion: string): void {
    this.errors.push({ file: this.file, path, message, suggestion });
  }

  warn(path: string, message: string, suggestion: string): void {
    this.warnings.push({ file: this.file, path, message, suggestion });
  }

  /** Records that the native block at `translated` stands for the AG2 block at `original`. */
  origin(translated: string, original: string): void {
    this.origins.push([translated, original]);
  }

  /** The AG2 path a translated key path comes from (unchanged when it is not translated). */
  originalPath(path: string): string {
    const match = [...this.origins]
      .sort((a, b) => b[0].length - a[0].length)
      .find(([t]) => path === t || path.startsWith(`${t}.`) || path.startsWith(`${t}[`));
    return match ? match[1] + path.slice(match[0].length) : path;
  }
}
