import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { ConfigChoice, ConfigEntry } from '../api/types.js';
import { errorMessage } from '../lib/error-message.js';
import { rememberRunConfig, runConfigOf } from '../lib/run-configs.js';
import { navigate } from '../router.js';

const SAME = '__same';

/** Asks the next question of the run's session: a new turn that reads the earlier ones. */
export function ContinueForm({ runId, sessionId }: { runId: string; sessionId: string }) {
  const known = runConfigOf(runId);
  const [configs, setConfigs] = useState<ConfigEntry[]>([]);
  const [selected, setSelected] = useState(known ? SAME : '');
  const [question, setQuestion] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .listConfigs()
      .then(({ configs }) => {
        setConfigs(configs);
        setSelected((s) => s || (configs[0]?.name ?? ''));
      })
      .catch(() => {});
  }, []);

  const choice = (): ConfigChoice | undefined => {
    if (selected === SAME) return known;
    const entry = configs.find((c) => c.name === selected);
    if (!entry) return undefined;
    return entry.example || entry.path === undefined ? { example: entry.name } : { configPath: entry.path };
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const config = choice();
    if (!config || question.trim() === '') return;
    setBusy(true);
    try {
      const { id } = await api.startRun({ ...config, question: question.trim(), sessionId });
      rememberRunConfig(id, config);
      navigate(`/runs/${encodeURIComponent(id)}`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <form className="card continue" onSubmit={submit} data-testid="continue-form">
      <h3>Continue the session</h3>
      <div className="row">
        <label>
          Config
          <select
            value={selected}
            onChange={(e) => setSelected(e.target.value)}
            data-testid="continue-config"
          >
            {known && <option value={SAME}>same as this run</option>}
            {configs.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Next question
          <input
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            data-testid="continue-input"
          />
        </label>
        <button type="submit" disabled={busy || question.trim() === ''} data-testid="continue-button">
          Ask
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
