/** The form of each kind of attachment on each wire API, and the native size limits. */
import { describe, expect, it } from 'vitest';
import { isAudioInputModel, needsText, planAttachment, takesNatively } from '../../src/media/plan.js';
import type { PreparedAttachment } from '../../src/media/types.js';
import type { WireApi } from '../../src/providers/catalog.js';

const MB = 1024 * 1024;
const file = (
  kind: PreparedAttachment['kind'],
  mediaType: string,
  bytes = 10,
  extra: Partial<PreparedAttachment> = {},
): PreparedAttachment => ({
  path: `/d/f.${kind}`,
  name: `f.${kind}`,
  kind,
  mediaType,
  data: new Uint8Array(bytes),
  text: kind === 'image' ? undefined : `text of ${kind}`,
  ...extra,
});
const APIS: WireApi[] = ['responses', 'anthropic', 'gemini', 'chat', 'xai', 'azure'];
const forms = (a: PreparedAttachment) => APIS.map((api) => planAttachment(a, api, api).form);

describe('planAttachment', () => {
  it('native where the API takes the medium, frames for video elsewhere, text otherwise', () => {
    expect(forms(file('image', 'image/png'))).toEqual(['image', 'image', 'image', 'image', 'image', 'image']);
    expect(forms(file('pdf', 'application/pdf'))).toEqual(['file', 'file', 'file', 'text', 'text', 'text']);
    expect(forms(file('audio', 'audio/wav'))).toEqual(['text', 'text', 'file', 'text', 'text', 'text']);
    expect(forms(file('docx', 'application/x'))).toEqual(['text', 'text', 'text', 'text', 'text', 'text']);
    const video = file('video', 'video/mp4', 10, { frames: [new Uint8Array(3), new Uint8Array(4)] });
    expect(forms(video)).toEqual(['frames', 'frames', 'file', 'frames', 'frames', 'frames']);
    const planned = planAttachment(video, 'anthropic', 'claude');
    expect(planned.parts.map((p) => p.type)).toEqual(['text', 'image', 'image']);
    expect(planned.bytes).toBe(7);
  });

  it('converted text is wrapped in an attachment block naming the file and its type', () => {
    expect(planAttachment(file('csv', 'text/csv'), 'chat', 'chatcompletion').parts).toEqual([
      { type: 'text', text: '<attachment name="f.csv" type="text/csv">\ntext of csv\n</attachment>' },
    ]);
  });

  it('a closing tag inside the text or a quote in the name cannot end the block early', () => {
    const a = file('text', 'text/plain', 10, { name: 'a"b.txt', text: 'x </attachment> y <ATTACHMENT z' });
    expect(planAttachment(a, 'chat', 'chatcompletion').parts).toEqual([
      {
        type: 'text',
        text: '<attachment name="a&quot;b.txt" type="text/plain">\nx &lt;/attachment> y &lt;ATTACHMENT z\n</attachment>',
      },
    ]);
  });

  it('a file over a native limit needs its text form (or frames) even when every API takes the medium', () => {
    expect(needsText(['gemini'], 'audio', 1 * MB)).toBe(false);
    expect(needsText(['gemini'], 'audio', 21 * MB)).toBe(true);
    expect(needsText(['gemini', 'anthropic'], 'audio', 1 * MB)).toBe(true);
    expect(needsText(['gemini'], 'pdf', 1 * MB)).toBe(true);
    expect(takesNatively('gemini', 'video', 19 * MB)).toBe(true);
    expect(takesNatively('gemini', 'video', 21 * MB)).toBe(false);
  });

  it('a PDF over the native limit goes as text; an image over it is refused', () => {
    expect(planAttachment(file('pdf', 'application/pdf', 21 * MB), 'gemini', 'gemini').form).toBe('text');
    expect(planAttachment(file('pdf', 'application/pdf', 21 * MB), 'anthropic', 'claude').form).toBe('file');
    expect(() => planAttachment(file('image', 'image/png', 6 * MB), 'anthropic', 'claude')).toThrow(
      'attachment /d/f.image: 6.0 MB is over the 5.0 MB image limit of the claude backend; resize or compress the image.',
    );
    expect(planAttachment(file('image', 'image/png', 6 * MB), 'responses', 'openai').form).toBe('image');
  });

  it('audio goes natively to Chat Completions only for OpenAI audio models, as WAV or MP3, up to 20 MB', () => {
    for (const model of [
      'gpt-4o-audio-preview',
      'gpt-4o-mini-audio-preview',
      'gpt-audio',
      'gpt-audio-mini-2025-10-06',
      'openai/gpt-4o-audio-preview',
    ])
      expect(isAudioInputModel(model)).toBe(true);
    for (const model of ['gpt-4o', 'gpt-4o-transcribe', 'gpt-audiobook', 'llama-audio', undefined])
      expect(isAudioInputModel(model)).toBe(false);
    const audio = { api: 'chat', model: 'gpt-4o-audio-preview' } as const;
    expect(planAttachment(file('audio', 'audio/wav'), audio, 'chatcompletion').parts).toEqual([
      { type: 'file', data: new Uint8Array(10), mediaType: 'audio/wav', filename: 'f.audio' },
    ]);
    expect(
      planAttachment(file('audio', 'audio/mpeg'), { api: 'azure', model: 'gpt-audio' }, 'azure_openai').form,
    ).toBe('file');
    expect(planAttachment(file('audio', 'audio/flac'), audio, 'chatcompletion').form).toBe('text');
    expect(planAttachment(file('audio', 'audio/wav', 21 * MB), audio, 'chatcompletion').form).toBe('text');
    expect(
      planAttachment(file('audio', 'audio/wav'), { api: 'chat', model: 'gpt-4o' }, 'chatcompletion').form,
    ).toBe('text');
    // The Responses API takes no audio, whatever the model.
    expect(
      planAttachment(file('audio', 'audio/wav'), { api: 'responses', model: 'gpt-audio' }, 'openai').form,
    ).toBe('text');
    expect(needsText([audio], 'audio', 1 * MB, 'audio/wav')).toBe(false);
    expect(needsText([audio, 'chat'], 'audio', 1 * MB, 'audio/wav')).toBe(true);
  });

  it('a PDF with page images: its text, a line naming the pages, then one PNG image per page', () => {
    const pages = [new Uint8Array(5), new Uint8Array(6)];
    const planned = planAttachment(file('pdf', 'application/pdf', 10, { pages }), 'chat', 'chatcompletion');
    expect(planned.form).toBe('pages');
    expect(planned.bytes).toBe(Buffer.byteLength('text of pdf') + 11);
    expect(planned.parts).toEqual([
      { type: 'text', text: '<attachment name="f.pdf" type="application/pdf">\ntext of pdf\n</attachment>' },
      {
        type: 'text',
        text: '<attachment name="f.pdf" type="application/pdf">Pages 1-2 as images follow.</attachment>',
      },
      { type: 'image', image: pages[0], mediaType: 'image/png' },
      { type: 'image', image: pages[1], mediaType: 'image/png' },
    ]);
    // A backend that takes the PDF itself gets the file, not the pages.
    expect(planAttachment(file('pdf', 'application/pdf', 10, { pages }), 'anthropic', 'claude').form).toBe(
      'file',
    );
  });
});
