/**
 * `attachments` in the library API: each file is read once per run and each agent's model gets it
 * in its backend's form; audio is transcribed once by the run's transcription model for the agents
 * whose backend cannot listen to it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LanguageModelV3Prompt, TranscriptionModelV3 } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import type { CoordinationEvent } from '../../src/events/types.js';
import { defineConfig } from '../../src/run/config-source.js';
import { streamRun } from '../../src/run/stream-run.js';
import { protocolModel } from '../../src/testing/index.js';
import { makePng, makeWav } from '../support/media-files.js';

const config = defineConfig({
  agents: [
    { id: 'claude', backend: { type: 'claude', model: 'claude-sonnet-4-5' } },
    { id: 'gemini', backend: { type: 'gemini', model: 'gemini-2.5-flash' } },
    { id: 'local', backend: { type: 'chatcompletion', model: 'llama', base_url: 'http://127.0.0.1:9/v1' } },
  ],
});

/** The media parts (`file` parts of the prompt) of each call, as `mediaType` strings. */
function mediaOf(prompt: LanguageModelV3Prompt): string[] {
  return prompt.flatMap((m) =>
    m.role === 'user' ? m.content.flatMap((p) => (p.type === 'file' ? [p.mediaType] : [])) : [],
  );
}

function userText(prompt: LanguageModelV3Prompt): string {
  return prompt
    .flatMap((m) => (m.role === 'user' ? m.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])) : []))
    .join('\n');
}

describe('attachments (library)', () => {
  it('reads each file once and gives each agent its form; audio is transcribed once', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'massgen-attach-'));
    writeFileSync(path.join(cwd, 'pic.png'), makePng());
    writeFileSync(path.join(cwd, 'memo.wav'), makeWav());
    let transcriptions = 0;
    const transcriptionModel: TranscriptionModelV3 = {
      specificationVersion: 'v3',
      provider: 'test',
      modelId: 'transcriber',
      async doGenerate() {
        transcriptions++;
        return {
          text: 'Remember to buy milk.',
          segments: [],
          language: 'en',
          durationInSeconds: 0.25,
          warnings: [],
          response: { timestamp: new Date(0), modelId: 'transcriber' },
        };
      },
    };
    const models = {
      claude: protocolModel('claude'),
      gemini: protocolModel('gemini'),
      local: protocolModel('local'),
    };
    const events: CoordinationEvent[] = [];
    const run = streamRun(config, {
      question: 'What do these say?',
      cwd,
      logRoot: false,
      models,
      attachments: ['pic.png', { path: path.join(cwd, 'memo.wav'), origin: 'test' }],
      transcriptionModel,
      onEvent: (e) => events.push(e),
    });
    const outcome = await run.result;
    expect(outcome.status).toBe('completed');
    expect(transcriptions).toBe(1);
    const first = (id: keyof typeof models) => models[id].calls[0]!.options.prompt;
    expect(mediaOf(first('claude'))).toEqual(['image/png']);
    expect(mediaOf(first('gemini'))).toEqual(['image/png', 'audio/wav']);
    expect(mediaOf(first('local'))).toEqual(['image/png']);
    const transcript = '<attachment name="memo.wav" type="audio/wav">\nRemember to buy milk.\n</attachment>';
    expect(userText(first('claude'))).toContain(transcript);
    expect(userText(first('local'))).toContain(transcript);
    expect(userText(first('gemini'))).not.toContain('Remember to buy milk.');
    // The attachments come right after run-start, one per agent and file.
    const types = events.map((e) => e.type);
    expect(types.slice(0, 7)).toEqual(['run-start', ...Array(6).fill('attachment')]);
    expect(
      events.filter((e) => e.type === 'attachment').map((e) => `${e.agentId}:${e.name}:${e.form}`),
    ).toEqual([
      'claude:pic.png:image',
      'claude:memo.wav:text',
      'gemini:pic.png:image',
      'gemini:memo.wav:file',
      'local:pic.png:image',
      'local:memo.wav:text',
    ]);
  });

  it('an image over a backend’s limit is a ConfigError naming the file, the backend and the limit', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'massgen-attach-'));
    // A PNG header followed by 6 MB: over Anthropic's 5 MB image limit.
    writeFileSync(path.join(cwd, 'big.png'), Buffer.concat([makePng(), Buffer.alloc(6 * 1024 * 1024)]));
    const models = {
      claude: protocolModel('claude'),
      gemini: protocolModel('gemini'),
      local: protocolModel('local'),
    };
    const run = streamRun(config, { question: 'Q', cwd, logRoot: false, models, attachments: ['big.png'] });
    const error = await run.result.catch((e: unknown) => e);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      `attachment ${cwd}/big.png: 6.0 MB is over the 5.0 MB image limit of the claude backend; resize or compress the image.`,
    );
    expect(models.claude.calls).toHaveLength(0);
  });
});
