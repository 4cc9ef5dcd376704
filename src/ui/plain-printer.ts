/**
 * The plain printer: each agent's text as complete lines labelled `[agent]`, coordination events as
 * one line each, then the final answer as it streams. For pipes and terminals without the live UI.
 * Everything it prints goes through {@link terminalText}: no control sequence of a model, a tool or
 * a log reaches the terminal.
 */

import type { CoordinationEvent } from '../events/types.js';
import { attachmentText } from './attachment-text.js';
import { generatedFiles } from './generated-paths.js';
import { retryLineText } from './retry-text.js';
import { preview, terminalText } from './terminal-text.js';
import { elicitationLine, toolCallLine, toolResultLine, toolServerLine } from './tool-lines.js';

export interface PlainPrinterOptions {
  write?: (text: string) => void;
  /** Show reasoning text too. */
  reasoning?: boolean;
}

export function plainPrinter(options: PlainPrinterOptions = {}): (event: CoordinationEvent) => void {
  const print = options.write ?? ((text: string) => process.stdout.write(text));
  const write = (text: string) => print(terminalText(text));
  const pending = new Map<string, string>();
  let presenting = false;
  const generated = generatedFiles();

  const flush = (agentId: string, all: boolean) => {
    const lines = (pending.get(agentId) ?? '').split('\n');
    const rest = lines.pop() ?? '';
    for (const l of lines) write(`[${agentId}] ${l}\n`);
    if (all && rest) write(`[${agentId}] ${rest}\n`);
    pending.set(agentId, all ? '' : rest);
  };
  const line = (text: string) => write(`${text}\n`);

  return (event) => {
    generated.see(event);
    switch (event.type) {
      case 'run-start':
        line(`Question: ${event.question}`);
        line(`Agents: ${event.agents.map((a) => `${a.id} (${a.backend}/${a.model})`).join(', ')}`);
        if (event.logDir) line(`Logs: ${event.logDir}`);
        break;
      case 'text-delta':
      case 'reasoning-delta':
        if (event.type === 'reasoning-delta' && !options.reasoning) break;
        pending.set(event.agentId, (pending.get(event.agentId) ?? '') + event.text);
        flush(event.agentId, false);
        break;
      case 'tool-call':
      case 'tool-result':
      case 'tool-server-status': {
        const text =
          event.type === 'tool-call'
            ? toolCallLine(event)
            : event.type === 'tool-result'
              ? toolResultLine(event)
              : toolServerLine(event);
        if (text === undefined) break;
        flush(event.agentId, true);
        line(text);
        break;
      }
      case 'elicitation-response':
        flush(event.agentId, true);
        line(elicitationLine(event));
        break;
      case 'tool-deferred':
        flush(event.agentId, true);
        line(
          `⏸️ [${event.agentId}] planned, not run: ${event.toolName} (${event.risk.level}) — the presenter carries it out if this answer wins`,
        );
        break;
      case 'tool-denied':
        flush(event.agentId, true);
        line(`⛔ [${event.agentId}] ${event.toolName} denied (${event.by}): ${preview(event.reason, 300)}`);
        break;
      case 'approval-file':
        flush(event.agentId, true);
        line(
          `📝 [${event.agentId}] approval request written to ${event.file}; decide in ${event.responseFile}`,
        );
        break;
      case 'approval-decision':
        flush(event.agentId, true);
        line(
          `${event.approved ? '✅' : '🚫'} [${event.agentId}] ${event.toolName} ${event.approved ? 'approved' : 'not approved'} (${event.by}${event.approved && event.scope !== 'once' ? `, ${event.scope}` : ''})`,
        );
        break;
      case 'answer':
        flush(event.agentId, true);
        line(`✅ [${event.agentId}] answer ${event.label}: ${preview(event.content, 120)}`);
        break;
      case 'vote':
        flush(event.agentId, true);
        line(`🗳️ [${event.agentId}] voted for ${event.votedFor}: ${preview(event.reason, 120)}`);
        break;
      case 'vote-ignored':
        line(`🔄 [${event.agentId}] vote for ${event.votedFor} not counted: ${event.why}`);
        break;
      case 'update-injected':
        line(`📨 [${event.agentId}] received new answers: ${event.newAnswers.join(', ')}`);
        break;
      case 'workflow-rejected':
        line(
          `↩️ [${event.agentId}] ${event.toolName} refused (try ${event.attempt}): ${preview(event.message, 160)}`,
        );
        break;
      case 'agent-error':
        flush(event.agentId, true);
        line(`❌ [${event.agentId}] ${preview(event.message, 400)}${event.willRetry ? ' — retrying' : ''}`);
        break;
      case 'provider-retry':
        flush(event.agentId, true);
        line(`↻ [${event.agentId}] ${retryLineText(event)}`);
        break;
      case 'agent-dropped':
        line(`⛔ [${event.agentId}] dropped: ${preview(event.reason, 400)}`);
        break;
      case 'agent-timeout':
        line(`⏱️ [${event.agentId}] timed out after ${event.seconds}s`);
        break;
      case 'agent-end':
        // Answers, votes and failures have their own lines; an execution cut short by the run's end does not.
        if (event.outcome === 'cancelled') {
          flush(event.agentId, true);
          line(`⏹️ [${event.agentId}] stopped: the run ended while it was working`);
        }
        break;
      case 'final-end':
        if (event.outcome === 'cancelled')
          line(`${presenting ? '\n' : ''}⏹️ [${event.agentId}] the final presentation was stopped`);
        break;
      case 'question-paraphrased': {
        if (event.variants.length === 0) break;
        const extra = [
          event.cached ? 'from the cache' : '',
          event.dropped > 0 ? `${event.dropped} dropped as not equivalent` : '',
        ]
          .filter(Boolean)
          .join(', ');
        line(`↻ Question paraphrased: ${event.variants.length} variant(s)${extra ? ` (${extra})` : ''}`);
        for (const [id, variant] of Object.entries(event.assignments)) line(`  [${id}] ${variant}`);
        break;
      }
      case 'notice':
        line(`${event.level === 'error' ? '❌' : event.level === 'warning' ? '⚠️' : 'ℹ️'} ${event.message}`);
        break;
      case 'attachment':
        line(`📎 [${event.agentId}] ${attachmentText(event)}`);
        break;
      case 'memory-compressed':
        line(
          `🗜️ [${event.agentId}] ${event.scope === 'history' ? 'session history' : 'conversation'} compressed: ${event.messagesSummarised} messages summarised, ~${event.beforeTokens} → ~${event.afterTokens} tokens`,
        );
        break;
      case 'memory-recalled':
        if (event.memories.length > 0)
          line(
            `🧠 [${event.agentId}] recalled ${event.memories.length} memor${event.memories.length === 1 ? 'y' : 'ies'}`,
          );
        break;
      case 'memory-updated':
        for (const c of event.changes) {
          const verb = c.event === 'ADD' ? 'added' : c.event === 'UPDATE' ? 'updated' : 'deleted';
          line(`🧠 memory ${verb} ${c.id}: ${preview(c.text, 120)}`);
        }
        break;
      case 'attempt-start':
        if (event.attempt > 1) {
          line(`\n🔄 Restart: attempt ${event.attempt}/${event.maxAttempts} — ${event.reason ?? ''}`);
          if (event.instructions) line(`   Instructions: ${event.instructions}`);
        }
        break;
      case 'post-evaluation':
        line(
          event.decision === 'restart'
            ? `🔍 [${event.agentId}] asks for a restart: ${event.reason}`
            : `🔍 [${event.agentId}] submits the answer${event.by === 'tool' ? '' : ` (${event.by})`}`,
        );
        break;
      case 'winner': {
        for (const id of pending.keys()) flush(id, true);
        const tally = Object.entries(event.votes)
          .map(([id, n]) => `${id}: ${n}`)
          .join(', ');
        line(
          `🏆 Winner: ${event.agentId}${tally ? ` (votes — ${tally})` : ''}${event.isTie ? ', tie broken by agent order' : ''}`,
        );
        break;
      }
      case 'final-delta':
        if (!presenting) {
          presenting = true;
          line(`\n=== Final answer (${event.agentId}) ===`);
        }
        write(event.text);
        break;
      case 'final-answer': {
        if (!presenting) line(`\n=== Final answer (${event.agentId}) ===\n${event.content}`);
        else line('');
        const files = event.workspace ? generated.paths(event.agentId, event.workspace) : [];
        if (files.length > 0) line(`Generated files:\n${files.map((f) => `  ${f}`).join('\n')}`);
        break;
      }
      case 'run-end':
        line(
          `\nDone: ${event.status === 'budget' ? 'stopped at its budget' : event.status} in ${(event.durationMs / 1000).toFixed(1)}s`,
        );
        break;
    }
  };
}
