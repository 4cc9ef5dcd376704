/** Helpers of the session and interactive-mode CLI tests. */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { consensus, type FakeRequest, type Scenario } from '../fake-provider/scenario.js';
import type { FakeProvider } from '../fake-provider/server.js';

/** A one-agent chatcompletion config pointed at the fake server. */
export function oneAgent(fake: FakeProvider, extra = ''): string {
  return `agent:\n  id: solo\n  backend:\n    type: chatcompletion\n    model: m\n    base_url: "${fake.baseUrls.chat}"\n    api_key: k\n${extra}`;
}

function firstUserText(req: FakeRequest): string {
  return req.messages.find((m) => m.role === 'user')?.text ?? '';
}

/** The question of the turn a request belongs to (its ORIGINAL MESSAGE). */
export function questionOf(req: FakeRequest): string | undefined {
  return /<ORIGINAL MESSAGE> ([\s\S]*?) <END OF ORIGINAL MESSAGE>/.exec(firstUserText(req))?.[1];
}

/** The CONVERSATION_HISTORY block of a request, or undefined. */
export function historyOf(req: FakeRequest): string | undefined {
  return /<CONVERSATION_HISTORY>\n([\s\S]*?)\n<END OF CONVERSATION_HISTORY>/.exec(firstUserText(req))?.[1];
}

/** Final answers say which question they answer. */
export const answerOf = (question: string) => `Answer to: ${question}`;

/** Consensus with final answers naming their question; questions containing SLOW never get a reply in time. */
export function sessionScenario(): Scenario {
  const base = consensus({ present: (req) => answerOf(questionOf(req) ?? '?') });
  return (req) =>
    (questionOf(req) ?? '').includes('SLOW') ? { text: 'late', firstByteDelayMs: 8000 } : base(req);
}

/** The requests of every turn whose question is `question`. */
export function requestsOf(fake: FakeProvider, question: string, since = 0): FakeRequest[] {
  return fake.requests.slice(since).filter((r) => questionOf(r) === question);
}

/** The history line pairs MassGen puts in front of a turn. */
export function historyLines(turns: Array<[question: string, answer: string]>): string {
  return turns.map(([q, a]) => `User: ${q}\nAssistant: ${a}`).join('\n');
}

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON files, checked by the tests' expectations
export function readJson(file: string): any {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export const sessionsDir = (home: string) => path.join(home, '.massgen', 'sessions');

/** One step of a {@link drive} script: once stdout shows `after` (past earlier steps), do `act`. */
export interface Step {
  after: string | RegExp;
  act: (child: ChildProcess) => void;
}

/** Drives an interactive child from its stdout: each step waits for its text, then acts. */
export function drive(steps: Step[]): (child: ChildProcess) => void {
  return (child) => {
    let out = '';
    let pos = 0;
    let next = 0;
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      for (;;) {
        const step = steps[next];
        if (!step) return;
        const rest = out.slice(pos);
        const match = typeof step.after === 'string' ? rest.indexOf(step.after) : rest.search(step.after);
        if (match < 0) return;
        pos += match + 1;
        next++;
        step.act(child);
      }
    });
  };
}

/** A step action: write lines to stdin (and close it with `end`). */
export const send =
  (text: string, end = false) =>
  (child: ChildProcess) => {
    child.stdin?.write(text);
    if (end) child.stdin?.end();
  };
