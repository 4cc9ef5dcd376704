/**
 * Generated files in the run's view and the page's state, read off the events as the terminal reads
 * them: the presenter's successful generation results, listed by the final answer when it has a
 * workspace; byte ranges of a file request; how the page shows each media type.
 */
import { describe, expect, it } from 'vitest';
import type { EventInput } from '../../src/events/types.js';
import { byteRangeOf } from '../../src/web/byte-range.js';
import { runViewOf } from '../../src/web/run-view.js';
import { mediaElementOf } from '../../web-client/src/views/generated-files.js';
import { stamp, start, stateOf } from '../web-client/events.js';

const result = (agentId: string, output: unknown, isError = false): EventInput => ({
  type: 'tool-result',
  agentId,
  toolCallId: `c-${agentId}-${JSON.stringify(output).length}`,
  toolName: 'generate_media',
  output,
  isError,
});

const made = (file: string, mode: string, mediaType: string, bytes: number) => ({
  message: `Saved ${file}`,
  file,
  mode,
  backend: 'openai',
  model: 'm',
  mediaType,
  bytes,
});

const RUN: EventInput[] = [
  start(['a', 'b']),
  result('a', made('logo.png', 'image', 'image/png', 67)),
  result('b', made('other.png', 'image', 'image/png', 10)),
  result('a', 'Cannot generate video with openai', true),
  result('a', made('intro.mp3', 'audio', 'audio/mpeg', 64)),
  result('a', { file: 'notes.txt', mode: 'text', bytes: 3 }),
  result('a', made('logo.png', 'image', 'image/png', 67)),
  { type: 'final-answer', agentId: 'a', content: 'Here.', fromStoredAnswer: false, workspace: '/ws/a' },
];

const A_FILES = [
  { agentId: 'a', path: 'logo.png', mode: 'image', mediaType: 'image/png', bytes: 67 },
  { agentId: 'a', path: 'intro.mp3', mode: 'audio', mediaType: 'audio/mpeg', bytes: 64 },
];

describe('generated files in the run view', () => {
  it("lists the presenter's generated files once each, with their address in the final workspace", () => {
    const { detail } = runViewOf('log_x', stamp(RUN));
    expect(detail.generatedFiles).toEqual([
      { ...A_FILES[0], url: '/api/runs/log_x/workspace/final/logo.png' },
      { ...A_FILES[1], url: '/api/runs/log_x/workspace/final/intro.mp3' },
    ]);
  });

  it('lists none before the final answer, or when the presenter has no workspace', () => {
    expect(runViewOf('log_x', stamp(RUN.slice(0, -1))).detail.generatedFiles).toBeUndefined();
    const noWorkspace = [
      ...RUN.slice(0, -1),
      { type: 'final-answer', agentId: 'a', content: 'Here.', fromStoredAnswer: false } as EventInput,
    ];
    expect(runViewOf('log_x', stamp(noWorkspace)).detail.generatedFiles).toBeUndefined();
  });

  it('encodes each path segment of the address', () => {
    const events = stamp([
      start(['a']),
      result('a', made('my logo #1.png', 'image', 'image/png', 5)),
      { type: 'final-answer', agentId: 'a', content: '.', fromStoredAnswer: false, workspace: '/ws' },
    ]);
    expect(runViewOf('log_x', events).detail.generatedFiles?.map((f) => f.url)).toEqual([
      '/api/runs/log_x/workspace/final/my%20logo%20%231.png',
    ]);
  });
});

describe("generated files in the page's state", () => {
  it('keeps every agent’s files and gives the final answer the presenter’s', () => {
    const state = stateOf(RUN);
    expect(state.generated).toEqual([
      A_FILES[0],
      { agentId: 'b', path: 'other.png', mode: 'image', mediaType: 'image/png', bytes: 10 },
      A_FILES[1],
    ]);
    expect(state.final.files).toEqual(A_FILES);
  });

  it('the final answer of a presenter without a workspace has none', () => {
    const state = stateOf([
      ...RUN.slice(0, -1),
      { type: 'final-answer', agentId: 'a', content: 'Here.', fromStoredAnswer: false },
    ]);
    expect(state.final.files).toBeUndefined();
  });

  it('shows images, audio and video inline and anything else as a link', () => {
    expect(
      ['image/png', 'image/webp', 'audio/mpeg', 'audio/wav', 'video/mp4', 'application/pdf'].map(
        mediaElementOf,
      ),
    ).toEqual(['img', 'img', 'audio', 'audio', 'video', 'link']);
  });
});

describe('byte ranges', () => {
  it('reads one range, a suffix and an open end; the rest is the whole file or unsatisfiable', () => {
    expect(
      [
        undefined,
        'bytes=0-3',
        'bytes=10-',
        'bytes=-4',
        'bytes=60-1000',
        'bytes=-1000',
        'bytes=64-',
        'bytes=-0',
        'bytes=5-2',
        'bytes=0-1,4-5',
        'items=0-1',
        'bytes=-',
      ].map((h) => byteRangeOf(h, 64)),
    ).toEqual([
      undefined,
      { start: 0, end: 3 },
      { start: 10, end: 63 },
      { start: 60, end: 63 },
      { start: 60, end: 63 },
      { start: 0, end: 63 },
      'unsatisfiable',
      'unsatisfiable',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(byteRangeOf('bytes=0-', 0)).toBe('unsatisfiable');
  });
});
