/**
 * Records `examples/demo/events.jsonl`: a real three-agent run of the bundled orchestrator against
 * the fake provider playing {@link demoScenario}, its log's `events.jsonl` kept with the absolute log
 * path made relative and the names of the log's prompt files (`contextFile`, `messageFile`) left
 * out, since the demo has only its events.
 *
 *   npx tsx test/ui/record-demo.ts
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfigFile } from '../../src/config/load.js';
import { runConfig } from '../../src/run/run-config.js';
import { createFakeProvider } from '../fake-provider/server.js';
import { DEMO_QUESTION, demoScenario } from './demo-scenario.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A config of the three demo agents pointed at `urls`. */
export function demoConfig(urls: { openai: string; anthropic: string; gemini: string }): string {
  return `agents:
  - id: "gpt5mini"
    backend: { type: "openai", model: "gpt-5-mini", base_url: "${urls.openai}", api_key: "demo" }
  - id: "claude"
    backend: { type: "claude", model: "claude-sonnet-4-5", base_url: "${urls.anthropic}", api_key: "demo" }
  - id: "gemini"
    backend: { type: "gemini", model: "gemini-2.5-flash", base_url: "${urls.gemini}", api_key: "demo" }
orchestrator:
  voting_sensitivity: "balanced"
`;
}

async function main(): Promise<void> {
  const fake = await createFakeProvider({ scenario: demoScenario(1) });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-demo-'));
  try {
    const file = path.join(dir, 'demo.yaml');
    writeFileSync(file, demoConfig(fake.baseUrls));
    const { config } = await loadConfigFile(file, { cwd: dir, home: dir });
    const outcome = await runConfig(config, { question: DEMO_QUESTION, logRoot: path.join(dir, 'logs') });
    if (!outcome.logDir || outcome.status !== 'completed')
      throw new Error(`demo run ended ${outcome.status}`);
    const lines = readFileSync(path.join(outcome.logDir, 'events.jsonl'), 'utf8').trim().split('\n');
    const kept = lines.map((line) => {
      const {
        contextFile: _context,
        messageFile: _message,
        ...event
      } = JSON.parse(line) as Record<string, unknown>;
      if (event.type === 'run-start') event.logDir = `.massgen/massgen_logs/${outcome.runId}/turn_1`;
      return JSON.stringify(event);
    });
    const target = path.join(ROOT, 'examples/demo/events.jsonl');
    writeFileSync(target, `${kept.join('\n')}\n`);
    process.stdout.write(`${kept.length} events (${outcome.durationMs} ms) → ${target}\n`);
  } finally {
    await fake.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
