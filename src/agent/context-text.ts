/** The conversation an agent was given, as text for the log's context.txt. */
import type { ModelMessage } from 'ai';

/** Text of the conversation given to the model, for the log's context.txt. */
export function contextText(system: string, messages: readonly ModelMessage[]): string {
  const parts = [`[system]\n${system}`];
  for (const m of messages) {
    const body =
      typeof m.content === 'string'
        ? m.content
        : m.content
            .map((p) => {
              if (p.type === 'text') return p.text;
              if (p.type === 'tool-call') return `[tool call ${p.toolName}] ${JSON.stringify(p.input)}`;
              if (p.type === 'tool-result') return `[tool result ${p.toolName}] ${JSON.stringify(p.output)}`;
              if (p.type === 'file') return `[file ${p.filename ?? p.mediaType}]`;
              return `[${p.type}]`;
            })
            .join('\n');
    parts.push(`[${m.role}]\n${body}`);
  }
  return parts.join('\n\n');
}
