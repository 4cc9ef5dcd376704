import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovalRequest } from '../../src/types/safety.js';
import { usageCost } from '../../src/ui/cost.js';
import { App } from '../../src/ui/tui/app.js';
import { approvalKey, initialApprovalPrompt } from '../../src/ui/tui/approval-keys.js';
import { ApprovalQueue } from '../../src/ui/tui/approval-queue.js';
import { TuiStore } from '../../src/ui/tui/store.js';
import { rawControls, SEQUENCES } from '../support/hostile-text.js';
import { ev, runStart, waitForFrame } from './helpers.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function request(agentId: string, input: unknown, signal = new AbortController().signal): ApprovalRequest {
  return {
    id: `run_1_${agentId}_1`,
    agentId,
    toolName: 'mcp__ledger__append',
    input,
    risk: { level: 'irreversible', openWorld: true, source: 'mcp-annotations', reason: 'destructiveHint' },
    reason: 'ask rule mcp__ledger__*',
    signal,
  };
}

function mount(rows = 30) {
  const store = new TuiStore({ frameMs: 0, price: usageCost, now: () => 1000 });
  for (const e of [
    runStart(['a', 'b']),
    ev({ type: 'agent-start', agentId: 'a', execution: 1, answersSeen: [] }),
  ]) {
    store.dispatch(e);
  }
  store.flush();
  const queue = new ApprovalQueue();
  const r = render(<App store={store} onQuit={() => {}} approvals={queue} columns={100} rows={rows} />);
  cleanup = () => {
    r.unmount();
    store.dispose();
  };
  return { ...r, queue, frame: () => r.lastFrame() ?? '' };
}

async function press(app: ReturnType<typeof mount>, keys: string[], expected: (frame: string) => boolean) {
  for (const key of keys) app.stdin.write(key);
  return waitForFrame(app.frame, expected);
}

describe('approval modal keys', () => {
  const none = {};
  it('y, s and a approve once, for the run and always; Esc denies; n asks for a message', () => {
    expect(approvalKey(initialApprovalPrompt, 'y', none, 0).choice).toEqual({
      approved: true,
      scope: 'once',
    });
    expect(approvalKey(initialApprovalPrompt, 's', none, 0).choice).toEqual({
      approved: true,
      scope: 'session',
    });
    expect(approvalKey(initialApprovalPrompt, 'A', none, 0).choice).toEqual({
      approved: true,
      scope: 'always',
    });
    expect(approvalKey(initialApprovalPrompt, '', { escape: true }, 0).choice).toEqual({
      approved: false,
      scope: 'once',
    });
    expect(approvalKey(initialApprovalPrompt, 'x', none, 0)).toEqual({ state: initialApprovalPrompt });
    const asking = approvalKey(initialApprovalPrompt, 'n', none, 0).state;
    expect(asking).toEqual({ mode: 'message', message: '', scroll: 0 });
    let state = asking;
    for (const ch of 'yes no') state = approvalKey(state, ch, none, 0).state;
    state = approvalKey(state, '', { backspace: true }, 0).state;
    expect(state.message).toBe('yes n');
    expect(approvalKey(state, '', { return: true }, 0).choice).toEqual({
      approved: false,
      scope: 'once',
      feedback: 'yes n',
    });
    expect(approvalKey(asking, '', { return: true }, 0).choice).toEqual({ approved: false, scope: 'once' });
    expect(approvalKey(state, '', { escape: true }, 0)).toEqual({ state: initialApprovalPrompt });
  });

  it('arrows scroll the arguments within their length', () => {
    let state = initialApprovalPrompt;
    for (let i = 0; i < 5; i++) state = approvalKey(state, '', { downArrow: true }, 3).state;
    expect(state.scroll).toBe(3);
    state = approvalKey(state, '', { pageUp: true }, 3, 2).state;
    expect(state.scroll).toBe(1);
    state = approvalKey(state, '', { upArrow: true }, 3).state;
    state = approvalKey(state, '', { upArrow: true }, 3).state;
    expect(state.scroll).toBe(0);
  });
});

describe('approval queue', () => {
  it('asks one at a time in order, rejects an aborted request and denies the rest when closed', async () => {
    const queue = new ApprovalQueue();
    const controller = new AbortController();
    const first = queue.ask(request('a', {}));
    const second = queue.ask(request('b', {}, controller.signal));
    const third = queue.ask(request('c', {}));
    expect(queue.size()).toBe(3);
    expect(queue.current()?.request.agentId).toBe('a');
    queue.settle(queue.current()!.id, { approved: true, scope: 'session' });
    await expect(first).resolves.toEqual({ approved: true, scope: 'session', by: 'human' });
    expect(queue.current()?.request.agentId).toBe('b');
    const reason = new Error('interrupted by user');
    controller.abort(reason);
    await expect(second).rejects.toBe(reason);
    expect(queue.current()?.request.agentId).toBe('c');
    queue.cancelAll();
    await expect(third).resolves.toEqual({
      approved: false,
      scope: 'once',
      by: 'timeout',
      feedback: 'the terminal UI closed before anyone decided',
    });
    expect(queue.size()).toBe(0);
    const late = new AbortController();
    late.abort(reason);
    await expect(queue.ask(request('d', {}, late.signal))).rejects.toBe(reason);
  });
});

describe('terminal UI: approval modal', () => {
  it('shows the agent, the tool, its risk and why, the arguments and the keys; one request at a time', async () => {
    const app = mount();
    const first = app.queue.ask(request('a', { line: 'ship it', count: 2 }));
    const second = app.queue.ask(request('b', { line: 'second' }));
    const frame = await waitForFrame(app.frame, (f) => f.includes('Approval needed'));
    expect(frame).toContain('Approval needed (1 of 2 waiting): agent a wants to run mcp__ledger__append');
    expect(frame).toContain('risk: irreversible, reaches outside this machine — destructiveHint');
    expect(frame).toContain('why asked: ask rule mcp__ledger__*');
    expect(frame).toContain('"line": "ship it",');
    expect(frame).toContain('"count": 2');
    expect(frame).toContain(
      'y approve once · s this run · a always (policy file) · n deny with a message · esc deny',
    );
    await press(app, ['s'], (f) => f.includes('agent b wants to run'));
    await expect(first).resolves.toEqual({ approved: true, scope: 'session', by: 'human' });
    expect(app.frame()).not.toContain('waiting)');
    await press(app, ['n'], (f) => f.includes('message to the model'));
    await press(app, [...'not today', '\r'], (f) => !f.includes('Approval needed'));
    await expect(second).resolves.toEqual({
      approved: false,
      scope: 'once',
      by: 'human',
      feedback: 'not today',
    });
  });

  it('shows control sequences in the arguments and names as symbols', async () => {
    const app = mount();
    const { clipboard, title } = SEQUENCES;
    void app.queue.ask({ ...request('a', { [`k${title}`]: `v${clipboard}` }), toolName: `tool${title}` });
    const frame = await waitForFrame(app.frame, (f) => f.includes('Approval needed'));
    expect(rawControls(frame.replace(/\u001b\[[0-9;]*m/g, ''))).toEqual([]);
    expect(frame).toContain('wants to run tool␛]0;PWNED-TITLE␇');
    expect(frame).toContain('"k␛]0;PWNED-TITLE␇": "v␛]52;c;SEFDS0VE␇"');
  });

  it('long arguments scroll inside the modal', async () => {
    const app = mount(24);
    const input = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`key${i}`, i]));
    void app.queue.ask(request('a', input));
    const frame = await waitForFrame(app.frame, (f) => f.includes('Approval needed'));
    expect(frame).toContain('"key0": 0');
    expect(frame).not.toContain('"key39": 39');
    expect(frame).toMatch(/arguments \(lines 1–\d+ of 42, ↑\/↓ scroll\):/);
    await press(app, ['\u001b[B', '\u001b[B'], (f) => f.includes('arguments (lines 3–'));
    expect(app.frame()).not.toContain('"key0": 0');
  });
});
