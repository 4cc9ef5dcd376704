/** The line a display shows for an `attachment` event: which file an agent got, and in what form. */
import type { EventOf } from '../events/types.js';

const FORMS: Record<EventOf<'attachment'>['form'], string> = {
  image: 'as an image',
  file: 'as a file',
  frames: 'as sampled frames',
  text: 'as converted text',
  pages: 'as text and page images',
};

/** `report.pdf (application/pdf) as converted text, 12 KB` (`, for critic` for a team member) */
export function attachmentText(event: EventOf<'attachment'>): string {
  const size =
    event.bytes >= 1024 * 1024
      ? `${(event.bytes / 1024 / 1024).toFixed(1)} MB`
      : `${Math.ceil(event.bytes / 1024)} KB`;
  const member = event.member ? `, for ${event.member}` : '';
  return `${event.name} (${event.mediaType}) ${FORMS[event.form]}, ${size}${member}`;
}
