import { workspaceFileUrl } from '../api/client.js';
import type { GeneratedMedia } from '../api/types.js';

/** How the page shows a file of this media type: an element the browser plays, or a link. */
export function mediaElementOf(mediaType: string): 'img' | 'audio' | 'video' | 'link' {
  if (mediaType.startsWith('image/')) return 'img';
  if (mediaType.startsWith('audio/')) return 'audio';
  if (mediaType.startsWith('video/')) return 'video';
  return 'link';
}

const baseName = (file: string) => file.slice(file.lastIndexOf('/') + 1);

/**
 * The presenter's generated files under its final answer, loaded from the final workspace: images,
 * audio and video inline, anything else as a download link. Until `ready` (the run's logs are
 * written, so the final workspace holds them) only their names show.
 */
export function GeneratedFiles({
  runId,
  files,
  ready,
}: {
  runId: string;
  files: readonly GeneratedMedia[];
  ready: boolean;
}) {
  if (files.length === 0) return null;
  return (
    <div className="generated-files" data-testid="generated-files" data-ready={ready}>
      <h3>Generated files</h3>
      {files.map((file) => {
        const url = workspaceFileUrl(runId, ['final'], file.path);
        const element = mediaElementOf(file.mediaType);
        return (
          <figure
            key={file.path}
            className="generated-file"
            data-testid="generated-file"
            data-path={file.path}
            data-element={element}
          >
            {ready && element === 'img' && <img src={url} alt={file.path} />}
            {ready && element === 'audio' && (
              // biome-ignore lint/a11y/useMediaCaption: generated speech comes without captions
              <audio controls preload="metadata" src={url} />
            )}
            {ready && element === 'video' && (
              // biome-ignore lint/a11y/useMediaCaption: generated video comes without captions
              <video controls preload="metadata" src={url} />
            )}
            <figcaption>
              {ready ? (
                <a href={url} download={baseName(file.path)} data-testid="generated-file-link">
                  {file.path}
                </a>
              ) : (
                <span>{file.path}</span>
              )}{' '}
              <span className="muted">
                {file.mediaType}, {file.bytes} B{ready ? '' : ' (saving…)'}
              </span>
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
