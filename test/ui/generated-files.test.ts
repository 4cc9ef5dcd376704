/** The presenter's generated files after the final answer: plain display and automation lines. */
import { describe, expect, it } from 'vitest';
import { generatedFileOf } from '../../src/events/generated-files.js';
import type { CoordinationEvent, EventInput } from '../../src/events/types.js';
import { automationPrinter } from '../../src/ui/automation-printer.js';
import { plainPrinter } from '../../src/ui/plain-printer.js';
import { reduceRun } from '../../src/ui/tui/reducer.js';
import { initialRunView } from '../../src/ui/tui/state.js';
import { summaryLines } from '../../src/ui/tui/summary.js';

function stream(inputs: EventInput[]): CoordinationEvent[] {
  return inputs.map((input, i) => ({ ...input, runId: 'r', seq: i + 1, ts: 1000 + i }) as CoordinationEvent);
}

const made = (agentId: string, file: string, mode: string, isError = false): EventInput => ({
  type: 'tool-result',
  agentId,
  toolCallId: `c-${file}`,
  toolName: 'generate_media',
  output: isError ? 'openai gpt-image-1 failed: 400' : { message: 'Saved', file, mode, bytes: 10 },
  isError,
});

const events = stream([
  made('a', 'logo.png', 'image'),
  made('b', 'other.png', 'image'),
  made('a', 'bad.png', 'image', true),
  made('a', 'intro.mp3', 'audio'),
  made('a', 'logo.png', 'image'),
  { type: 'final-answer', agentId: 'a', content: 'Done.', fromStoredAnswer: false, workspace: '/ws/a' },
]);

describe('generated files', () => {
  it('reads only successful results that name a file, a mode and bytes', () => {
    expect(events.map(generatedFileOf).map((f) => f?.file)).toEqual([
      'logo.png',
      'other.png',
      undefined,
      'intro.mp3',
      'logo.png',
      undefined,
    ]);
  });

  it('the plain display lists the presenter’s, once each, under the final answer', () => {
    let out = '';
    const print = plainPrinter({ write: (t) => (out += t) });
    for (const e of events) print(e);
    expect(out.slice(out.indexOf('=== Final answer'))).toBe(
      '=== Final answer (a) ===\nDone.\nGenerated files:\n  /ws/a/logo.png\n  /ws/a/intro.mp3\n',
    );
  });

  it('automation prints a GENERATED_FILE line for each, after the winner', () => {
    const lines: string[] = [];
    const print = automationPrinter({ write: (l) => lines.push(l) });
    const end = stream([
      { type: 'run-end', status: 'completed', durationMs: 1200, winner: 'a', finalAnswer: 'Done.' },
    ]);
    for (const e of [...events, ...end]) print(e);
    expect(lines).toEqual([
      'WINNER: a',
      'GENERATED_FILE: /ws/a/logo.png',
      'GENERATED_FILE: /ws/a/intro.mp3',
      'DURATION: 1.2s',
      'ANSWER_PREVIEW: Done.',
      'COMPLETED: 0 agents, 1.2s total',
    ]);
  });

  it('the terminal UI’s summary names them after the run', () => {
    const end = stream([
      { type: 'run-end', status: 'completed', durationMs: 1200, winner: 'a', finalAnswer: 'Done.' },
    ]);
    const run = [...events, ...end].reduce((v, e) => reduceRun(v, e), initialRunView());
    expect(summaryLines(run).at(-1)).toBe('Generated files: /ws/a/logo.png, /ws/a/intro.mp3');
  });
});
