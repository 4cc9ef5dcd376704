import { useEffect, useState } from 'react';
import { api, fetchText, workspaceFileUrl } from '../api/client.js';
import type { WorkspaceFile, WorkspaceListing } from '../api/types.js';
import { errorMessage } from '../lib/error-message.js';
import { highlightCode } from '../lib/markdown.js';
import { DiffView } from './compare-view.js';

/** Where a file is: `['final']` or `[agentId, snapshot]`, and its path there. */
interface FileRef {
  parts: string[];
  path: string;
  size: number;
}

const IMAGE = /\.(png|jpe?g|gif|webp|svg|bmp|ico)$/i;
const AUDIO = /\.(mp3|wav|ogg|oga|opus|flac|aac|m4a)$/i;
const VIDEO = /\.(mp4|m4v|webm|mov|ogv)$/i;
const HTML = /\.html?$/i;
const PDF = /\.pdf$/i;
/** Larger text files are not previewed inline. */
const MAX_TEXT = 1_000_000;

const where = (ref: FileRef) => (ref.parts[0] === 'final' ? 'final' : ref.parts.join(' / '));
const keyOf = (ref: FileRef) => `${ref.parts.join('/')}//${ref.path}`;

function refs(listing: WorkspaceListing): FileRef[] {
  const out: FileRef[] = [];
  for (const f of listing.final?.files ?? []) out.push({ parts: ['final'], path: f.path, size: f.size });
  for (const agent of listing.agents) {
    for (const snap of agent.snapshots) {
      for (const f of snap.files) out.push({ parts: [agent.agentId, snap.name], path: f.path, size: f.size });
    }
  }
  return out;
}

/** The agents' workspace snapshots and the final workspace: a tree, a preview, a diff between two agents. */
export function WorkspaceView({ runId }: { runId: string }) {
  const [listing, setListing] = useState<WorkspaceListing>();
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<FileRef>();
  const [other, setOther] = useState<string>('');

  useEffect(() => {
    api
      .workspace(runId)
      .then(setListing)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [runId]);

  if (error) return <p className="error">{error}</p>;
  if (!listing) return <p className="muted">Loading the workspaces…</p>;
  const all = refs(listing);
  if (all.length === 0) return <p className="muted">No workspace files in this run.</p>;
  const peers = selected ? all.filter((r) => r.path === selected.path && keyOf(r) !== keyOf(selected)) : [];
  const peer = peers.find((r) => keyOf(r) === other);

  const list = (parts: string[], files: WorkspaceFile[]) => (
    <ul>
      {files.map((f) => {
        const ref = { parts, path: f.path, size: f.size };
        const active = selected !== undefined && keyOf(selected) === keyOf(ref);
        return (
          <li key={f.path}>
            <button
              type="button"
              className={`file${active ? ' active' : ''}`}
              onClick={() => {
                setSelected(ref);
                setOther('');
              }}
              data-testid="workspace-file"
              data-path={f.path}
              data-where={parts.join('/')}
            >
              {f.path} <span className="muted">{f.size} B</span>
            </button>
          </li>
        );
      })}
    </ul>
  );

  return (
    <div className="workspace" data-testid="workspace">
      <nav className="workspace-tree card" data-testid="workspace-tree" aria-label="Workspace files">
        {listing.final && listing.final.files.length > 0 && (
          <details open>
            <summary>Final workspace</summary>
            {list(['final'], listing.final.files)}
          </details>
        )}
        {listing.agents.map((agent) => (
          <details key={agent.agentId} open>
            <summary>{agent.agentId}</summary>
            {agent.snapshots.map((snap) => (
              <details key={snap.name} open>
                <summary>{snap.name}</summary>
                {list([agent.agentId, snap.name], snap.files)}
              </details>
            ))}
          </details>
        ))}
      </nav>
      <div className="workspace-main">
        {selected === undefined ? (
          <p className="muted">Pick a file to preview it.</p>
        ) : (
          <>
            <div className="row">
              <h3>
                {selected.path} <span className="muted">in {where(selected)}</span>
              </h3>
              {peers.length > 0 && (
                <label>
                  Diff with
                  <select
                    value={other}
                    onChange={(e) => setOther(e.target.value)}
                    data-testid="workspace-diff-with"
                  >
                    <option value="">—</option>
                    {peers.map((p) => (
                      <option key={keyOf(p)} value={keyOf(p)}>
                        {where(p)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
            {peer ? (
              <FileDiff runId={runId} left={selected} right={peer} />
            ) : (
              <FilePreview runId={runId} file={selected} />
            )}
          </>
        )}
      </div>
    </div>
  );
}

function useText(url: string | undefined): { text?: string; error?: string } {
  const [result, setResult] = useState<{ text?: string; error?: string }>({});
  useEffect(() => {
    if (url === undefined) return;
    let live = true;
    setResult({});
    fetchText(url)
      .then((text) => live && setResult({ text }))
      .catch((e: unknown) => live && setResult({ error: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [url]);
  return result;
}

/**
 * A file as the browser can show it: images, audio and video with controls, HTML in a sandbox, PDF,
 * or text and code highlighted.
 */
function FilePreview({ runId, file }: { runId: string; file: FileRef }) {
  const url = workspaceFileUrl(runId, file.parts, file.path);
  const textual = ![IMAGE, AUDIO, VIDEO, HTML, PDF].some((kind) => kind.test(file.path));
  const { text, error } = useText(textual && file.size <= MAX_TEXT ? url : undefined);
  const box = (child: React.ReactNode) => (
    <div className="preview card" data-testid="file-preview" data-path={file.path}>
      {child}
    </div>
  );
  if (IMAGE.test(file.path)) return box(<img src={url} alt={file.path} />);
  // biome-ignore lint/a11y/useMediaCaption: workspace audio comes without captions
  if (AUDIO.test(file.path)) return box(<audio controls preload="metadata" src={url} />);
  // biome-ignore lint/a11y/useMediaCaption: workspace video comes without captions
  if (VIDEO.test(file.path)) return box(<video controls preload="metadata" src={url} />);
  if (HTML.test(file.path)) return box(<iframe src={url} sandbox="" title={file.path} />);
  if (PDF.test(file.path))
    return box(
      <object data={url} type="application/pdf" aria-label={file.path}>
        <a href={url}>Open the PDF</a>
      </object>,
    );
  if (file.size > MAX_TEXT) return box(<a href={url}>Download ({file.size} bytes)</a>);
  if (error) return box(<p className="error">{error}</p>);
  if (text === undefined) return box(<p className="muted">Loading…</p>);
  return box(
    <pre>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: highlight.js escapes the text it marks up */}
      <code className="hljs" dangerouslySetInnerHTML={{ __html: highlightCode(text, file.path) }} />
    </pre>,
  );
}

function FileDiff({ runId, left, right }: { runId: string; left: FileRef; right: FileRef }) {
  const a = useText(workspaceFileUrl(runId, left.parts, left.path));
  const b = useText(workspaceFileUrl(runId, right.parts, right.path));
  if (a.error || b.error) return <p className="error">{a.error ?? b.error}</p>;
  if (a.text === undefined || b.text === undefined) return <p className="muted">Loading…</p>;
  return <DiffView left={a.text} right={b.text} leftTitle={where(left)} rightTitle={where(right)} />;
}
