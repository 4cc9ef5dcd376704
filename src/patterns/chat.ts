/**
 * The chat engine shared by every pattern: speakers take turns (round robin, chosen by a selector
 * LLM, or a fixed sequence), each seeing the task and the transcript, until a message contains the
 * termination keyword or the turns run out. A speaker whose turn fails is skipped, and dropped after
 * `maxFailures` consecutive failures. The engine reports through hooks and never emits events itself.
 */
import type { LanguageModelV3Usage } from '@ai-sdk/provider';
import { budgetSpentText } from '../coordination/coordinate.js';
import type { BudgetGate } from '../types/budget.js';
import { innerTask, promptContext, speakerSystemPrompt, speakerUserMessage } from './prompts.js';
import { failureMessage, isPermanentFailure, simplePrompt, streamReply } from './reply.js';
import { nextInOrder, selectSpeaker } from './select-speaker.js';
import { summarizeChat } from './summary.js';
import { hasKeyword, stripKeyword } from './termination.js';
import {
  type ChatMember,
  type ChatSpec,
  type ChatTurn,
  chatSpecOf,
  type ReplySink,
  summaryWriter,
} from './types.js';

/** A failed turn. */
export interface TurnFailure {
  message: string;
  /** Consecutive failures of this speaker so far. */
  failures: number;
  /** The speaker is given up on and gets no more turns. */
  dropped: boolean;
  /** Set when the turn hit the per-turn time limit. */
  timedOutSeconds?: number;
}

/** How a turn ended: the speaker spoke, its turn failed (or hit the turn time limit), or the chat was aborted. */
export type TurnEnd =
  | { kind: 'spoke' }
  | { kind: 'failed'; message: string; timedOut: boolean }
  | { kind: 'aborted' };

/** What the engine reports. Only `sink` is required. */
export interface ChatHooks {
  /** Where the reply of `member`'s turn streams to; called once per turn. */
  sink(member: ChatMember): ReplySink;
  /** A turn begins; `context` is the speaker's prompt as text. */
  turnStart?(member: ChatMember, context: string): void;
  /** The turn begun by `turnStart` is over: once per turn, after its `message` and before its `failure`. */
  turnEnd?(member: ChatMember, end: TurnEnd): void;
  /** A turn produced a message (keyword stripped). */
  message?(member: ChatMember, text: string, context: string): void;
  failure?(member: ChatMember, failure: TurnFailure): void;
  notice?(level: 'info' | 'warning', message: string, agentId?: string): void;
  /** Usage of calls made for the chat itself (the speaker selector). */
  overheadUsage?(usage: LanguageModelV3Usage): void;
}

export interface ChatRun {
  spec: ChatSpec;
  /** What the speakers work on (the question, or the outer context of an inner chat). */
  task: string;
  /** The task a speaker reads instead of `task` (its variant of the question), by member id. */
  speakerTasks?: Readonly<Record<string, string>>;
  /**
   * The run's budget: no turn starts unless it fits, with the speaker selection before it (auto)
   * and the `reserve` calls the chat needs after its last turn. No budget: no such end.
   */
  budget?: { gate: BudgetGate; reserve: number };
  /** Aborting it ends the chat (deadline, Ctrl-C, the caller's abort). */
  signal: AbortSignal;
  /** Limit of one turn; none by default. */
  turnTimeoutMs?: number;
  /** Consecutive failures after which a speaker is dropped; default 3. */
  maxFailures?: number;
  hooks: ChatHooks;
}

/** Why a chat ended. */
export type ChatEnd = 'keyword' | 'max_rounds' | 'sequence' | 'no_speakers' | 'aborted' | 'budget';

export interface ChatOutcome {
  transcript: ChatTurn[];
  end: ChatEnd;
  dropped: ReadonlySet<string>;
}

class TurnDeadline extends Error {}

/** Runs a chat to its end. Never throws: an aborted chat ends with `end: 'aborted'`. */
export async function runChat(run: ChatRun): Promise<ChatOutcome> {
  const { spec, hooks, signal } = run;
  const members = spec.members;
  const maxFailures = run.maxFailures ?? 3;
  const transcript: ChatTurn[] = [];
  const dropped = new Set<string>();
  const failures = new Map<string, number>();
  const order = spec.order;
  const first = Math.max(
    0,
    members.findIndex((m) => m.id === spec.initialAgent),
  );
  const slots = order.kind === 'sequence' ? order.sequence.length : spec.maxRounds * members.length;
  const done = (end: ChatEnd): ChatOutcome => ({ transcript, end, dropped });
  let last: string | undefined;

  for (let slot = 0; slot < slots; slot++) {
    if (signal.aborted) return done('aborted');
    if (members.every((m) => dropped.has(m.id))) return done('no_speakers');
    if (run.budget) {
      const selection = order.kind === 'auto' && slot > 0 ? 1 : 0;
      if (!run.budget.gate.allows(1 + selection + run.budget.reserve)) {
        hooks.notice?.(
          'warning',
          `Budget reached (${budgetSpentText(run.budget.gate)}): no new turn starts after ${transcript.length} message(s).`,
        );
        return done('budget');
      }
    }
    let speaker: ChatMember | undefined;
    if (order.kind === 'sequence') {
      speaker = members.find((m) => m.id === order.sequence[slot]);
    } else if (order.kind === 'round_robin' || slot === 0) {
      speaker = members[(first + slot) % members.length];
    } else {
      speaker = await chooseSpeaker(run, order.selector, transcript, last, dropped);
      if (signal.aborted) return done('aborted');
    }
    if (!speaker || dropped.has(speaker.id)) continue;
    last = speaker.id;

    const outcome = await takeTurn(run, speaker, transcript);
    if (outcome.kind === 'aborted') {
      hooks.turnEnd?.(speaker, { kind: 'aborted' });
      return done('aborted');
    }
    if (outcome.kind === 'failed') {
      const timedOut = outcome.timedOutSeconds !== undefined;
      hooks.turnEnd?.(speaker, { kind: 'failed', message: outcome.message, timedOut });
      const count = (failures.get(speaker.id) ?? 0) + 1;
      failures.set(speaker.id, count);
      const drop = count >= maxFailures || isPermanentFailure(outcome.error);
      if (drop) dropped.add(speaker.id);
      hooks.failure?.(speaker, {
        message: outcome.message,
        failures: count,
        dropped: drop,
        timedOutSeconds: outcome.timedOutSeconds,
      });
      continue;
    }
    failures.set(speaker.id, 0);
    if (outcome.text) {
      transcript.push({ speaker: speaker.id, text: outcome.text });
      hooks.message?.(speaker, outcome.text, outcome.context);
    }
    hooks.turnEnd?.(speaker, { kind: 'spoke' });
    if (outcome.terminated) {
      hooks.notice?.(
        'info',
        `${speaker.id} ended the chat with ${spec.terminationKeyword} after ${transcript.length} message(s)`,
        speaker.id,
      );
      return done('keyword');
    }
  }
  if (order.kind !== 'sequence') {
    hooks.notice?.(
      'info',
      `the chat reached max_rounds (${spec.maxRounds}) after ${transcript.length} message(s)`,
    );
  }
  return done(order.kind === 'sequence' ? 'sequence' : 'max_rounds');
}

/** The auto pattern's next speaker: the selector's choice, else the next in round-robin order. */
async function chooseSpeaker(
  run: ChatRun,
  selector: ChatMember,
  transcript: readonly ChatTurn[],
  last: string | undefined,
  dropped: ReadonlySet<string>,
): Promise<ChatMember | undefined> {
  const candidates = run.spec.members.filter((m) => !dropped.has(m.id));
  try {
    const choice = await selectSpeaker({
      selector,
      members: run.spec.members,
      candidates,
      task: run.task,
      transcript,
      signal: run.signal,
      onUsage: (u) => run.hooks.overheadUsage?.(u),
    });
    if (choice.kind === 'chosen') {
      const why = choice.reason ? `: ${choice.reason}` : '';
      run.hooks.notice?.('info', `selector chose ${choice.member.id}${why}`, choice.member.id);
      return choice.member;
    }
    const next = nextInOrder(run.spec.members, last, dropped);
    run.hooks.notice?.(
      'warning',
      `speaker selection failed (${choice.why}); ${next?.id ?? 'nobody'} speaks next in round-robin order`,
      next?.id,
    );
    return next;
  } catch {
    return undefined; // aborted: the caller sees the signal
  }
}

type TurnOutcome =
  | { kind: 'spoke'; text: string; terminated: boolean; context: string }
  | { kind: 'failed'; message: string; error: unknown; timedOutSeconds?: number }
  | { kind: 'aborted' };

async function takeTurn(
  run: ChatRun,
  speaker: ChatMember,
  transcript: readonly ChatTurn[],
): Promise<TurnOutcome> {
  const { spec, hooks } = run;
  const system = speakerSystemPrompt(speaker, spec.members, spec.terminationKeyword);
  const user = speakerUserMessage(run.speakerTasks?.[speaker.id] ?? run.task, transcript, speaker.id);
  const context = promptContext(system, user);
  hooks.turnStart?.(speaker, context);
  const sink = hooks.sink(speaker);
  const limit = new AbortController();
  const timer =
    run.turnTimeoutMs === undefined
      ? undefined
      : setTimeout(() => limit.abort(new TurnDeadline('turn deadline')), run.turnTimeoutMs);
  const signal = AbortSignal.any([run.signal, limit.signal]);
  try {
    const inner = chatSpecOf(speaker.model);
    const raw = inner
      ? await innerTurn(run, inner, speaker, transcript, signal, sink)
      : (
          await streamReply({
            member: speaker,
            prompt: simplePrompt(system, user, speaker.attachments),
            signal,
            sink,
          })
        ).text;
    const terminated = hasKeyword(raw, spec.terminationKeyword);
    const text = terminated ? stripKeyword(raw, spec.terminationKeyword!) : raw.trim();
    if (!text && !terminated) return { kind: 'failed', message: 'empty reply', error: undefined };
    return { kind: 'spoke', text, terminated, context };
  } catch (error) {
    if (run.signal.aborted) return { kind: 'aborted' };
    if (limit.signal.aborted) {
      const seconds = run.turnTimeoutMs! / 1000;
      return { kind: 'failed', message: `timed out after ${seconds}s`, error, timedOutSeconds: seconds };
    }
    return { kind: 'failed', message: failureMessage(error), error };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The turn of a team or nested-chat member: its inner chat runs on the outer context, its members'
 * messages stream into the member's sink prefixed `**[id]** `, and the inner summary is the message.
 */
async function innerTurn(
  run: ChatRun,
  inner: ChatSpec,
  speaker: ChatMember,
  outer: readonly ChatTurn[],
  signal: AbortSignal,
  sink: ReplySink,
): Promise<string> {
  const labelled = labelledSinks(sink);
  const task = innerTask(run.task, outer, speaker.id);
  const outcome = await runChat({
    spec: inner,
    task,
    signal,
    hooks: {
      sink: (m) => labelled(m.id),
      notice: (level, message) => run.hooks.notice?.(level, `${speaker.id}: ${message}`, speaker.id),
      failure: (m, f) =>
        run.hooks.notice?.('warning', `${speaker.id}: ${m.id} failed (${f.message})`, speaker.id),
      overheadUsage: (u) => sink.usage(u),
    },
  });
  if (signal.aborted) throw signal.reason;
  const writer = summaryWriter(inner);
  const summary = await summarizeChat({
    spec: inner,
    task,
    transcript: outcome.transcript,
    signal,
    sink: labelled(`${writer.id}, summary`),
    writer,
  });
  if (summary === undefined) throw new Error(`the inner chat of ${speaker.id} produced no message`);
  return summary.text;
}

/**
 * Sinks writing into one outer sink, each turn's text opening with `**[id]** ` (after a blank line
 * when something was written before), so one panel shows a whole discussion.
 */
export function labelledSinks(outer: ReplySink): (speaker: string) => ReplySink {
  let wroteAny = false;
  return (speaker) => {
    let opened = false;
    return {
      text(delta) {
        if (!opened) {
          outer.text(`${wroteAny ? '\n\n' : ''}**[${speaker}]** `);
          opened = true;
          wroteAny = true;
        }
        outer.text(delta);
      },
      reasoning: (delta) => outer.reasoning(delta),
      usage: (u) => outer.usage(u),
    };
  };
}
