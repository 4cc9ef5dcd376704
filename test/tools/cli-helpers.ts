/** Helpers of the CLI tests of tools: YAML for agents on the fake provider, MCP server scripts, event logs. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CoordinationEvent } from '../../src/events/types.js';
import { consensus, type FakeRequest } from '../fake-provider/scenario.js';
import type { FakeProvider } from '../fake-provider/server.js';
import { ROOT } from '../support/cli.js';

export const FIXTURES = path.join(ROOT, 'test/fixtures/tools');
const require = createRequire(import.meta.url);

/** The entry script of an installed MCP server package (its `bin`), so tests work on a fresh clone. */
export function serverScript(pkg: string): string {
  const manifest = require.resolve(`${pkg}/package.json`);
  const bin = JSON.parse(readFileSync(manifest, 'utf8')).bin as string | Record<string, string>;
  return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : Object.values(bin)[0]!);
}

/** The events of a run's log folder. */
export function events(logDir: string): CoordinationEvent[] {
  return readFileSync(path.join(logDir, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as CoordinationEvent);
}

/**
 * The text of a tool result without the `<tool_output …>` lines around it (the delimiters the model
 * gets; see src/agent/tool-output.ts). Text without them is returned as it is.
 */
export function unwrapToolOutput(text: string): string {
  return /^<tool_output tool="[^"]*">\n([\s\S]*)\n<\/tool_output>$/.exec(text)?.[1] ?? text;
}

/** Helpers bound to a fake provider. */
export function cliHelpers(fake: () => FakeProvider) {
  const q = (value: string) => JSON.stringify(value);
  return {
    /** A YAML string. */
    q,
    /**
     * One chatcompletion agent named `id` using `model`, with extra backend lines. Its tool calls are
     * not judged by the safety checks (`permissions: false`) unless `safety` is set or the lines
     * give a `permissions` block: the safety checks have tests of their own (test/cli/safety-*).
     */
    agent(id: string, model: string, backend: string[], options: { safety?: boolean } = {}): string {
      const judged = options.safety === true || backend.some((l) => l.startsWith('permissions:'));
      return [
        `  - id: ${q(id)}`,
        '    backend:',
        '      type: chatcompletion',
        `      model: ${q(model)}`,
        `      base_url: ${q(fake().baseUrls.chat)}`,
        '      api_key: test-key',
        ...backend.map((l) => `      ${l}`),
        ...(judged ? [] : ['      permissions: false']),
      ].join('\n');
    },
    /** The result text of the call of tool `name` in a request (without its delimiters). */
    toolText: (req: FakeRequest, name: string) => {
      const text = req.messages.find((m) => m.role === 'tool' && m.toolName === name)?.text;
      return text === undefined ? undefined : unwrapToolOutput(text);
    },
    /** Presents the winning answer verbatim (the text between its answer tags). */
    presentAnswer: consensus({
      present: (req) =>
        /<agent1>(?: \(YOUR ANSWER\))? ([\s\S]*?) <end of agent1>/.exec(req.lastUserText)?.[1] ?? '?',
    }),
  };
}
