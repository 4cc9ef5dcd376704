/**
 * The safety checks' CLI setup: three agents on the fake provider, each holding the `ledger` test MCP
 * server (a destructive tool that appends a line to a file per call), and a scenario in which every
 * agent calls it once during coordination and the presenter calls it once.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CoordinationEvent, EventOf } from '../../src/events/types.js';
import { consensus, type FakeRequest, findAnswerLabels, type Scenario } from '../fake-provider/scenario.js';
import type { FakeProvider } from '../fake-provider/server.js';
import { cliHelpers, FIXTURES, unwrapToolOutput } from '../tools/cli-helpers.js';
import { writeFile } from './cli.js';

/** The ledger's tool, as the models see it. */
export const LEDGER_TOOL = 'mcp__ledger__append';
/** The line the presenter appends. */
export const PRESENTED = 'carried out by the presenter';

/** The ledger tool's result texts in a request's conversation. */
export const ledgerResults = (req: FakeRequest) =>
  req.messages
    .filter((m) => m.role === 'tool' && m.toolName === LEDGER_TOOL)
    .map((m) => unwrapToolOutput(m.text));

/**
 * Every agent calls the tool once in its first execution, then answers; then they vote. The
 * presenter calls it once and presents what the call returned.
 */
export const eagerLedger: Scenario = (req) => {
  const coordinating = req.tools.some((t) => t.name === 'new_answer');
  if (coordinating) {
    if (ledgerResults(req).length === 0 && findAnswerLabels(req).length === 0) {
      return { toolCalls: [{ name: LEDGER_TOOL, args: { line: `planned by ${req.model}` } }] };
    }
    return consensus()(req);
  }
  const done = ledgerResults(req);
  if (done.length === 0) return { toolCalls: [{ name: LEDGER_TOOL, args: { line: PRESENTED } }] };
  return { text: `Final: ${done[0]}` };
};

/** Writes a config of three agents (a, b, c) with the ledger server appending to `ledger`; `extra` backend lines. */
export function threeLedgerAgents(
  fake: () => FakeProvider,
  home: string,
  ledger: string,
  extra: string[] = [],
): string {
  return ledgerAgents(fake, home, ledger, ['a', 'b', 'c'], extra);
}

/** Writes a config of agents `ids` (models `safety-<id>`) with the ledger server appending to `ledger`. */
export function ledgerAgents(
  fake: () => FakeProvider,
  home: string,
  ledger: string,
  ids: string[],
  extra: string[] = [],
): string {
  const { q, agent } = cliHelpers(fake);
  const server = [
    'mcp_servers:',
    '  - name: ledger',
    `    command: ${q(process.execPath)}`,
    `    args: [${q(path.join(FIXTURES, 'append-server.mjs'))}, ${q(ledger)}]`,
    '    trusted: true',
    ...extra,
  ];
  const agents = ids.map((id) => agent(id, `safety-${id}`, server, { safety: true })).join('\n');
  return writeFile(home, 'config.yaml', `agents:\n${agents}\n`);
}

/** The events of one type. */
export const ofType = <T extends CoordinationEvent['type']>(all: CoordinationEvent[], type: T) =>
  all.filter((e): e is EventOf<T> => e.type === type);

/** A file's non-empty lines (none when it does not exist). */
export function fileLines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}
