/**
 * `--automation` output: plain `KEY: value` lines on stdout, no ANSI, for scripts that drive
 * MassGen-TS and watch `status.json`. Every line is printed through {@link terminalLine}: a value
 * holds no control character, so it can neither drive the terminal nor start a line of its own.
 */
import path from 'node:path';
import type { CoordinationEvent } from '../events/types.js';
import { generatedFiles } from './generated-paths.js';
import { oneLine, preview, terminalLine } from './terminal-text.js';

export interface AutomationPrinterOptions {
  /** The turn's log folder, when logging is on. */
  logDir?: string;
  write?: (line: string) => void;
}

export function automationPrinter(options: AutomationPrinterOptions): (event: CoordinationEvent) => void {
  const print = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const write = (line: string) => print(terminalLine(line));
  let agentCount = 0;
  const generated = generatedFiles();
  let presenter: { agentId: string; workspace: string } | undefined;
  return (event) => {
    generated.see(event);
    switch (event.type) {
      case 'final-answer':
        presenter = event.workspace ? { agentId: event.agentId, workspace: event.workspace } : undefined;
        break;
      case 'run-start':
        agentCount = event.agents.length;
        if (options.logDir) {
          write(`LOG_DIR: ${options.logDir}`);
          write(`STATUS: ${path.join(options.logDir, 'status.json')}`);
        }
        write(`QUESTION: ${preview(event.question, 500)}`);
        write('[Coordination in progress - monitor status.json for real-time updates]');
        break;
      case 'attempt-start':
        if (event.attempt > 1) write(`RESTART: Attempt ${event.attempt}/${event.maxAttempts}`);
        break;
      case 'question-paraphrased':
        for (const [id, variant] of Object.entries(event.assignments)) {
          write(`PARAPHRASE: ${id}: ${preview(variant, 500)}`);
        }
        break;
      case 'agent-dropped':
        write(`AGENT_DROPPED: ${event.agentId}: ${preview(event.reason, 400)}`);
        break;
      case 'tool-deferred':
        write(`ACTION_PLANNED: ${event.agentId}: ${event.toolName} (${event.risk.level})`);
        break;
      case 'approval-file':
        write(`APPROVAL_REQUEST: ${event.file}`);
        break;
      case 'approval-decision':
        write(
          `APPROVAL_DECISION: ${event.agentId}: ${event.toolName} ${event.approved ? 'approved' : 'denied'} (${event.by}${event.approved ? `, ${event.scope}` : ''})`,
        );
        break;
      case 'tool-denied':
        write(
          `TOOL_DENIED: ${event.agentId}: ${event.toolName} (${event.by}): ${preview(event.reason, 400)}`,
        );
        break;
      case 'run-end': {
        const seconds = (event.durationMs / 1000).toFixed(1);
        if (event.winner && event.finalAnswer !== undefined) {
          write(`WINNER: ${event.winner}`);
          if (options.logDir)
            write(`ANSWER_FILE: ${path.join(options.logDir, 'final', event.winner, 'answer.txt')}`);
          if (presenter)
            for (const file of generated.paths(presenter.agentId, presenter.workspace))
              write(`GENERATED_FILE: ${file}`);
          write(`DURATION: ${seconds}s`);
          write(`ANSWER_PREVIEW: ${preview(event.finalAnswer)}`);
        }
        if (event.status !== 'completed') write(`STATUS_FINAL: ${event.status}`);
        if (event.error) write(`ERROR: ${oneLine(event.error)}`);
        write(`COMPLETED: ${agentCount} agents, ${seconds}s total`);
        break;
      }
    }
  };
}
