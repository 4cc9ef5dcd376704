/**
 * The lines of an agent's full-output view: its kept output wrapped to the width, with each answer
 * shown whole in its place (Markdown rendered once the renderer is loaded). The streamed output is
 * capped to its tail; answers are not, so answers whose note fell out of the tail come first.
 */
import type { MarkdownRenderer } from './markdown.js';
import type { AgentAnswer, AgentView } from './state.js';
import type { Span } from './text-buffer.js';
import { type Line, wrapRanges, wrapSpans } from './wrap.js';

/** The heading and body lines of one whole answer. */
export function answerLines(answer: AgentAnswer, width: number, markdown?: MarkdownRenderer): Line[] {
  const lines: Line[] = [[{ kind: 'note', text: `✓ answer ${answer.label}:` }]];
  if (answer.content.trim() === '') return lines;
  if (markdown) {
    for (const text of markdown(answer.content, width).split('\n')) {
      lines.push(text === '' ? [] : [{ kind: 'rendered', text }]);
    }
  } else {
    for (const [start, end] of wrapRanges(answer.content, width)) {
      lines.push(start === end ? [] : [{ kind: 'text', text: answer.content.slice(start, end) }]);
    }
  }
  return lines;
}

/** Every display line of the agent's full output for a width. */
export function detailLines(agent: AgentView, width: number, markdown?: MarkdownRenderer): Line[] {
  const lines: Line[] = [];
  const spans = agent.output.spans;
  const firstKept = spans.find((s) => s.answer !== undefined)?.answer ?? agent.answerTexts.length;
  if (agent.output.dropped > 0) {
    lines.push([{ kind: 'note', text: `… ${agent.output.dropped} earlier characters not kept` }]);
  }
  for (const answer of agent.answerTexts.slice(0, firstKept))
    lines.push(...answerLines(answer, width, markdown));
  let segment: Span[] = [];
  const flush = () => {
    if (segment.length > 0) lines.push(...wrapSpans(segment, width));
    segment = [];
  };
  for (const span of spans) {
    const answer = span.answer === undefined ? undefined : agent.answerTexts[span.answer];
    if (!answer) {
      segment.push(span);
      continue;
    }
    flush();
    lines.push(...answerLines(answer, width, markdown));
  }
  flush();
  return lines;
}
