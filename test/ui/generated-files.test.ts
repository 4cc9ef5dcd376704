/** The presenter's generated files after the final answer: plain display and automation lines. */
import { describe, expect, it } from 'vitest';
import { generatedFileOf } from '../../src/events/generated-files.js';
import type { CoordinationEvent, EventInput } from '../../src/events/types.js';
import { automationPrinter } from '../../src/ui/automation-printer.js';
import { plainPrinter } from '../../src/ui/plain-printer.js';

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

  it('automation prints a GENERATED_FILE line for each', () => {
    const lines: string[] = [];
    const print = automationPrinter({ write: (l) => lines.push(l) });
    for (const e of events) print(e);
    expect(lines).toEqual(['GENERATED_FILE: /ws/a/logo.png', 'GENERATED_FILE: /ws/a/intro.mp3']);
  });
});
