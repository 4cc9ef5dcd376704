/**
 * The files a question comes with on the command line: `--attach FILE` (every agent gets each) and
 * the `@path` references of the question (unless `--no-parse-at-references`): a file is attached; a
 * directory or a `@path:w` becomes a context path of every agent (`orchestrator.context_paths`).
 */
import type { MassGenConfig } from '../config/schema.js';
import type { AttachmentSource } from '../media/types.js';

export interface QuestionFiles {
  /** The question with each `@path` replaced by the absolute path. */
  question: string;
  attachments: AttachmentSource[];
}

/** Resolves `--attach`, `/attach` and `@path` files; throws a ConfigError for a reference that does not exist. */
export async function questionFiles(
  question: string,
  options: { attach?: readonly string[]; parseAtReferences?: boolean; cwd: string; origin?: string },
  config: MassGenConfig,
): Promise<QuestionFiles> {
  const attachments: AttachmentSource[] = (options.attach ?? []).map((p) => ({
    path: p,
    origin: options.origin ?? '--attach',
  }));
  if (options.parseAtReferences === false || !question.includes('@')) return { question, attachments };
  const { parseAtReferences } = await import('../media/at-references.js');
  const parsed = parseAtReferences(question, options.cwd);
  for (const ref of parsed.references) {
    if (!ref.directory && !ref.write) {
      attachments.push({ path: ref.path, origin: `@${ref.path}` });
      continue;
    }
    config.orchestrator.context_paths ??= [];
    const paths = config.orchestrator.context_paths;
    const permission = ref.write ? 'write' : 'read';
    const same = paths.find((p) => p.path === ref.path);
    if (same) same.permission = same.permission === 'write' ? 'write' : permission;
    else paths.push({ path: ref.path, permission });
  }
  return { question: parsed.question, attachments };
}
