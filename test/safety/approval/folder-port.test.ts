import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventInput, EventOf } from '../../../src/events/types.js';
import { checkApprovalFolder } from '../../../src/safety/approval/approval-folder.js';
import { folderApprovalPort } from '../../../src/safety/approval/folder-port.js';
import { parseResponse } from '../../../src/safety/approval/handshake-files.js';
import type { ApprovalRequest } from '../../../src/types/safety.js';

const folder = () => mkdtempSync(path.join(os.tmpdir(), 'massgen-approvals-'));

function request(id: string, signal = new AbortController().signal): ApprovalRequest {
  return {
    id,
    agentId: 'agent_a',
    toolName: 'mcp__ledger__append',
    input: { line: 'ship it' },
    risk: { level: 'irreversible', openWorld: false, source: 'mcp-annotations', reason: 'destructiveHint' },
    reason: 'ask rule mcp__ledger__*',
    signal,
  };
}

/** A port on `dir` whose reports are kept; `written` resolves with the first request file event. */
function setup(dir: string, timeoutMs = 10_000, settleMs = 500) {
  const reports: EventInput[] = [];
  let wrote: (e: EventOf<'approval-file'>) => void = () => {};
  const written = new Promise<EventOf<'approval-file'>>((resolve) => {
    wrote = resolve;
  });
  const port = folderApprovalPort({
    dir,
    timeoutMs,
    settleMs,
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    report: (event) => {
      reports.push(event);
      if (event.type === 'approval-file') wrote(event as EventOf<'approval-file'>);
    },
  });
  return { port, reports, written };
}

describe('the approval folder', () => {
  it('writes the request file, takes the decision from the response file, then removes both', async () => {
    const dir = folder();
    const { port, written, reports } = setup(dir);
    const decided = port(request('log_1_turn_1_agent_a_1'));
    const file = await written;
    expect(file.file).toBe(path.join(dir, 'req_log_1_turn_1_agent_a_1.json'));
    expect(file.responseFile).toBe(path.join(dir, 'resp_log_1_turn_1_agent_a_1.json'));
    expect(JSON.parse(readFileSync(file.file, 'utf8'))).toEqual({
      id: 'log_1_turn_1_agent_a_1',
      agent: 'agent_a',
      tool: 'mcp__ledger__append',
      risk: 'irreversible',
      open_world: false,
      risk_reason: 'destructiveHint',
      reason: 'ask rule mcp__ledger__*',
      arguments: { line: 'ship it' },
      response_file: file.responseFile,
      created_at: '2026-01-02T03:04:05.000Z',
      expires_at: '2026-01-02T03:04:15.000Z',
    });
    writeFileSync(file.responseFile, JSON.stringify({ approved: true, scope: 'session', feedback: 'go' }));
    expect(await decided).toEqual({ approved: true, scope: 'session', by: 'file', feedback: 'go' });
    expect(readdirSync(dir)).toEqual([]);
    expect(reports.map((r) => r.type)).toEqual(['approval-file']);
  });

  it('a denial with feedback, scope defaulting to once', async () => {
    const dir = folder();
    const { port, written } = setup(dir);
    const decided = port(request('r2'));
    const { responseFile } = await written;
    writeFileSync(responseFile, '{"approved": false, "feedback": "use the staging ledger"}');
    expect(await decided).toEqual({
      approved: false,
      scope: 'once',
      by: 'file',
      feedback: 'use the staging ledger',
    });
  });

  it('a malformed response is a denial, with a warning naming the file', async () => {
    const dir = folder();
    const { port, written, reports } = setup(dir, 10_000, 20);
    const decided = port(request('r4'));
    const { responseFile } = await written;
    writeFileSync(responseFile, '{"approved": "yes"}');
    expect(await decided).toEqual({
      approved: false,
      scope: 'once',
      by: 'file',
      feedback:
        'the approval response resp_r4.json is not valid: "approved" must be true or false, so the call is denied',
    });
    const warnings = reports.filter((r) => r.type === 'notice');
    expect(warnings).toEqual([
      expect.objectContaining({
        level: 'warning',
        agentId: 'agent_a',
        message: expect.stringContaining(`The approval response ${responseFile} is not valid`),
      }),
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an unreadable response (a folder in its place) is a denial naming the file', async () => {
    const dir = folder();
    const { port, written, reports } = setup(dir, 10_000, 20);
    const decided = port(request('r5'));
    const { responseFile } = await written;
    const { mkdirSync } = await import('node:fs');
    mkdirSync(responseFile);
    const decision = await decided;
    expect(decision).toMatchObject({ approved: false, by: 'file' });
    expect(decision.feedback).toMatch(/^the approval response resp_r5\.json cannot be read/);
    expect(reports.filter((r) => r.type === 'notice')).toHaveLength(1);
  });

  it('no answer within the timeout is a denial by timeout, and a stale response is not taken', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'resp_r6.json'), '{"approved": true}');
    const { port } = setup(dir, 200);
    expect(await port(request('r6'))).toEqual({
      approved: false,
      scope: 'once',
      by: 'timeout',
      feedback: 'no decision was written to resp_r6.json within 0.2 s, so the call is denied',
    });
    expect(existsSync(path.join(dir, 'req_r6.json'))).toBe(false);
  });

  it('aborting the request ends the wait at once, with the abort reason', async () => {
    const dir = folder();
    const { port, written } = setup(dir);
    const controller = new AbortController();
    const decided = port(request('r7', controller.signal));
    await written;
    const reason = new Error('interrupted by user');
    controller.abort(reason);
    await expect(decided).rejects.toBe(reason);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a folder that cannot be written is a config error naming it and where it was set', () => {
    const dir = folder();
    const file = path.join(dir, 'not-a-folder');
    writeFileSync(file, '');
    const inside = path.join(file, 'approvals');
    expect(() => checkApprovalFolder(inside, { file: '--approval-dir', path: '' })).toThrow(
      `the approval folder ${inside} cannot be written (set by --approval-dir)`,
    );
    const fresh = path.join(dir, 'new', 'approvals');
    checkApprovalFolder(fresh, { file: 'c.yaml', path: 'agents[0].backend.permissions.approval_dir' });
    expect(readdirSync(fresh)).toEqual([]);
  });
});

describe('a response file', () => {
  it('reads approved, scope and feedback, and names what is wrong otherwise', () => {
    expect(parseResponse('{"approved": true, "scope": "always"}')).toEqual({
      decision: { approved: true, scope: 'always', by: 'file' },
    });
    expect(parseResponse('')).toEqual({ problem: 'it is empty' });
    expect(parseResponse('yes')).toEqual({ problem: 'it is not JSON' });
    expect(parseResponse('[true]')).toEqual({ problem: 'it is not a JSON object' });
    expect(parseResponse('{"approved": true, "scope": "forever"}')).toEqual({
      problem: '"scope" must be "once", "session" or "always"',
    });
    expect(parseResponse('{"approved": false, "feedback": 3}')).toEqual({
      problem: '"feedback" must be a string',
    });
  });
});
