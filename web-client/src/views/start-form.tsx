import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { ConfigEntry, ConfigIssue } from '../api/types.js';
import { type ConfigPick, runChoice, validateBody } from '../lib/config-choice.js';
import { errorMessage } from '../lib/error-message.js';
import { rememberRunConfig } from '../lib/run-configs.js';
import { uploadsOf } from '../lib/uploads.js';
import { useDebounced } from '../lib/use-debounced.js';
import { navigate } from '../router.js';

const PATH = '__path';
const YAML = '__yaml';

type Check =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'ok' }
  | { state: 'errors'; errors: ConfigIssue[] };

/** Pick a config (validated live, errors inline), type the question, go. */
export function StartForm() {
  const [configs, setConfigs] = useState<ConfigEntry[]>([]);
  const [selected, setSelected] = useState('');
  const [path, setPath] = useState('');
  const [yaml, setYaml] = useState('');
  const [question, setQuestion] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .listConfigs()
      .then(({ configs }) => {
        setConfigs(configs);
        setSelected((s) => s || (configs[0]?.name ?? PATH));
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  const entry = configs.find((c) => c.name === selected);
  const pick: ConfigPick | undefined =
    selected === PATH
      ? { kind: 'path', path }
      : selected === YAML
        ? { kind: 'yaml', text: yaml }
        : entry && { kind: 'listed', entry };
  const body = pick && validateBody(pick);
  const bodyKey = useDebounced(body ? JSON.stringify(body) : '', 300);

  useEffect(() => {
    if (bodyKey === '') return setCheck({ state: 'idle' });
    let live = true;
    setCheck({ state: 'checking' });
    api
      .validate(JSON.parse(bodyKey))
      .then((r) => live && setCheck(r.ok ? { state: 'ok' } : { state: 'errors', errors: r.errors }))
      .catch(
        (e: unknown) =>
          live && setCheck({ state: 'errors', errors: [{ path: '', message: errorMessage(e) }] }),
      );
    return () => {
      live = false;
    };
  }, [bodyKey]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!pick || question.trim() === '') return;
    setBusy(true);
    setError(undefined);
    try {
      const choice = runChoice(pick);
      const attachments = files.length > 0 ? await uploadsOf(files) : undefined;
      const { id } = await api.startRun({
        ...choice,
        question: question.trim(),
        ...(attachments ? { attachments } : {}),
      });
      rememberRunConfig(id, choice);
      navigate(`/runs/${encodeURIComponent(id)}`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const invalid = check.state === 'errors';
  return (
    <form className="card start-form" onSubmit={submit} data-testid="start-form">
      <h2>New run</h2>
      <label>
        Config
        <select value={selected} onChange={(e) => setSelected(e.target.value)} data-testid="config-select">
          {configs.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
          <option value={PATH}>Config file path…</option>
          <option value={YAML}>Write YAML…</option>
        </select>
      </label>
      {selected === PATH && (
        <label>
          Config file
          <input
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder="configs/team.yaml"
            data-testid="config-path"
          />
        </label>
      )}
      {selected === YAML && (
        <label>
          Config YAML
          <textarea
            value={yaml}
            onChange={(e) => setYaml(e.target.value)}
            rows={10}
            spellCheck={false}
            data-testid="config-yaml"
          />
        </label>
      )}
      <ConfigCheck check={check} />
      <label>
        Question
        <textarea
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          rows={3}
          placeholder="What should the agents work on?"
          data-testid="question-input"
        />
      </label>
      <label>
        Files (optional: images, PDF, Word, Excel, PowerPoint, audio, video, text)
        <input
          type="file"
          multiple
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
          data-testid="attach-input"
        />
      </label>
      {files.length > 0 && (
        <p className="muted" data-testid="attach-list">
          {files.map((f) => f.name).join(', ')}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="start-error">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy || invalid || !pick || question.trim() === ''}
        data-testid="start-button"
      >
        {busy ? 'Starting…' : 'Start'}
      </button>
    </form>
  );
}

function ConfigCheck({ check }: { check: Check }) {
  if (check.state === 'idle') return null;
  if (check.state === 'checking') return <p className="muted">Checking the config…</p>;
  if (check.state === 'ok')
    return (
      <p className="ok" data-testid="config-ok">
        Config is valid.
      </p>
    );
  return (
    <ul className="config-errors" role="alert" data-testid="config-errors">
      {check.errors.map((e) => (
        <li key={`${e.path}:${e.message}`}>
          {e.path && <code>{e.path}</code>} {e.message}
        </li>
      ))}
    </ul>
  );
}
