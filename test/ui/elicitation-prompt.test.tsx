import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { ElicitationSchema } from '../../src/events/types.js';
import { usageCost } from '../../src/ui/cost.js';
import { App } from '../../src/ui/tui/app.js';
import { ElicitationQueue } from '../../src/ui/tui/elicitation-queue.js';
import { TuiStore } from '../../src/ui/tui/store.js';
import { rawControls, SEQUENCES } from '../support/hostile-text.js';
import { ev, runStart, waitForFrame } from './helpers.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const schema: ElicitationSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Name', description: 'Your full name' },
    age: { type: 'integer', title: 'Age', minimum: 1, default: 30 },
    colour: { type: 'string', title: 'Colour', enum: ['red', 'green', 'blue'] },
  },
  required: ['name'],
};

function mount(onQuit = () => {}) {
  const store = new TuiStore({ frameMs: 0, price: usageCost, now: () => 1000 });
  const events = [runStart(['a']), ev({ type: 'agent-start', agentId: 'a', execution: 1, answersSeen: [] })];
  for (const e of events) store.dispatch(e);
  store.flush();
  const queue = new ElicitationQueue();
  const r = render(<App store={store} onQuit={onQuit} elicitations={queue} columns={100} rows={30} />);
  cleanup = () => {
    r.unmount();
    store.dispose();
  };
  return { ...r, queue, frame: () => r.lastFrame() ?? '' };
}

async function type(app: ReturnType<typeof mount>, keys: string[], expected: (frame: string) => boolean) {
  for (const key of keys) app.stdin.write(key);
  return waitForFrame(app.frame, expected);
}

describe('terminal UI: MCP elicitation prompt', () => {
  it('asks field by field and accepts the typed values (empty = the default), choices by number', async () => {
    const app = mount();
    const answer = app.queue.ask({
      agentId: 'a',
      server: 'crm',
      message: 'Who are you?',
      requestedSchema: schema,
    });
    const first = await waitForFrame(app.frame, (f) => f.includes('Who are you?'));
    expect(first).toContain('MCP server "crm" (agent a) asks: Who are you?');
    expect(first).toContain('[1/3] Name * — Your full name');
    await type(app, ['\r'], (f) => f.includes('Name is required'));
    await type(app, [...'Ada', '\r'], (f) => f.includes('[2/3] Age'));
    expect(app.frame()).toContain('integer · empty: 30');
    await type(app, ['x', '\r'], (f) => f.includes('enter a number'));
    await type(app, ['\u007f', '\r'], (f) => f.includes('[3/3] Colour'));
    expect(app.frame()).toContain('1) red  2) green  3) blue');
    await type(app, ['2', '\r'], (f) => !f.includes('asks:'));
    await expect(answer).resolves.toEqual({ action: 'accept', content: { name: 'Ada', colour: 'green' } });
  });

  it('shows the control sequences of a server’s question as symbols: message, title, description, choices', async () => {
    const app = mount();
    const { clipboard, title, cursorReport, csi8 } = SEQUENCES;
    void app.queue.ask({
      agentId: 'a',
      server: `crm${title}`,
      message: `Who are you?${clipboard}\nNext line`,
      requestedSchema: {
        type: 'object',
        properties: {
          pick: {
            type: 'string',
            title: `Pick${cursorReport}`,
            description: `one${csi8}`,
            enum: [`x${title}`, 'y'],
          },
        },
      },
    });
    const frame = await waitForFrame(app.frame, (f) => f.includes('Who are you?'));
    expect(rawControls(frame.replace(/\u001b\[[0-9;]*m/g, ''))).toEqual([]);
    expect(frame).toContain(
      'MCP server "crm␛]0;PWNED-TITLE␇" (agent a) asks: Who are you?␛]52;c;SEFDS0VE␇ Next line',
    );
    expect(frame).toContain('[1/1] Pick␛[6n — one␛[6n');
    expect(frame).toContain('1) x␛]0;PWNED-TITLE␇  2) y');
  });

  it('declines with Esc, and keys go back to the agents view afterwards', async () => {
    let quits = 0;
    let quit: () => void = () => {};
    const quitted = new Promise<void>((resolve) => {
      quit = resolve;
    });
    const app = mount(() => {
      quits++;
      quit();
    });
    const answer = app.queue.ask({
      agentId: 'a',
      server: 'crm',
      message: 'Your email?',
      requestedSchema: schema,
    });
    await waitForFrame(app.frame, (f) => f.includes('Your email?'));
    await type(app, ['q'], (f) => f.includes('> q'));
    expect(quits).toBe(0);
    await type(app, ['\u001b'], (f) => !f.includes('asks:'));
    await expect(answer).resolves.toEqual({ action: 'decline' });
    app.stdin.write('q');
    await quitted;
    expect(quits).toBe(1);
  });

  it('withdraws the prompt when the server cancels the request', async () => {
    const app = mount();
    const stop = new AbortController();
    const answer = app.queue.ask({
      agentId: 'a',
      server: 'crm',
      message: 'Still there?',
      requestedSchema: schema,
      signal: stop.signal,
    });
    await waitForFrame(app.frame, (f) => f.includes('Still there?'));
    stop.abort();
    await expect(answer).resolves.toEqual({ action: 'cancel' });
    await waitForFrame(app.frame, (f) => !f.includes('Still there?'));
  });
});
