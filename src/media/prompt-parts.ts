/** Attachment parts (the AI SDK's message parts) as parts of a provider-level prompt, for callers of `doStream`. */
import type { LanguageModelV3FilePart, LanguageModelV3TextPart } from '@ai-sdk/provider';
import type { AttachmentPart } from './plan.js';

/** A user-message part of a provider-level prompt that carries an attachment. */
export type PromptAttachmentPart = LanguageModelV3TextPart | LanguageModelV3FilePart;

/** Text stays text; images and files become `file` parts with their media type (images `image/*`). */
export function toPromptParts(parts: readonly AttachmentPart[]): PromptAttachmentPart[] {
  return parts.map((part): PromptAttachmentPart => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    if (part.type === 'image') {
      return {
        type: 'file',
        data: part.image as LanguageModelV3FilePart['data'],
        mediaType: part.mediaType ?? 'image/*',
      };
    }
    return {
      type: 'file',
      data: part.data as LanguageModelV3FilePart['data'],
      mediaType: part.mediaType,
      ...(part.filename ? { filename: part.filename } : {}),
    };
  });
}
