/** Contracts of attachments: the files a question comes with, as read once per run and as each agent gets them. */

/** What a file is, for the choice of the form an agent gets it in. */
export type AttachmentKind = 'image' | 'pdf' | 'docx' | 'xlsx' | 'csv' | 'pptx' | 'audio' | 'video' | 'text';

/** A file named for a run: `--attach`, an `@path` reference, `upload_files` or the library's `attachments`. */
export interface AttachmentSource {
  /**
   * Path of the file (relative paths resolve against the run's working directory), or an http(s)
   * URL fetched once before any agent starts.
   */
  path: string;
  /** Where it was named, for error messages (e.g. `--attach`, `agents[0].backend.upload_files[1]`). */
  origin?: string;
  /** A PDF's pages also as images, for agents that get the PDF as text (`pages_as_images`). */
  pagesAsImages?: boolean;
}

/** How video frames are sampled (`orchestrator.media_input.extraction_mode`, `max_frames`). */
export interface VideoSampling {
  /** `uniform`: evenly spaced frames; `scene`: frames where the picture changes. Default `uniform`. */
  mode: 'scene' | 'uniform';
  /** At most this many frames; default 8. */
  maxFrames: number;
}

/** One file, read and converted once for the whole run. */
export interface PreparedAttachment {
  /** Absolute path, or the URL it was fetched from (without credentials or query). */
  path: string;
  /** File name shown to the model and in events. */
  name: string;
  kind: AttachmentKind;
  /** IANA media type of the bytes (image/png, application/pdf, audio/wav, …). */
  mediaType: string;
  /** The file's bytes. */
  data: Uint8Array;
  /**
   * The file as text for a model that cannot take it natively: the PDF's text, the document as
   * Markdown, the workbook as Markdown tables, the audio's transcript, or a note saying why there is
   * none. Undefined for images (every wire API takes them).
   */
  text?: string;
  /** Sampled video frames (JPEG), when ffmpeg was available. */
  frames?: Uint8Array[];
  /** A PDF's first pages as PNG images, when they were asked for. */
  pages?: Uint8Array[];
}

/** The form one agent got one file in. */
export type AttachmentForm = 'image' | 'file' | 'text' | 'frames' | 'pages';
