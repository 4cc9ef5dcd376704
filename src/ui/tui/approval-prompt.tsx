/**
 * The approval modal: which agent wants to run which tool, its risk and why, why it needs a decision,
 * and the full arguments (scrollable), with the keys shown (see approval-keys.ts). It owns the
 * keyboard while shown. Every text of the request is shown with its control characters as symbols
 * (terminal-text.ts).
 */
import { Box, Text, useInput } from 'ink';
import { useReducer, useRef } from 'react';
import type { ApprovalRequest } from '../../types/safety.js';
import { oneLine, terminalJson, terminalLine, terminalSafe, terminalText } from '../terminal-text.js';
import {
  type ApprovalChoice,
  type ApprovalPromptState,
  approvalKey,
  initialApprovalPrompt,
} from './approval-keys.js';
import type { PendingApproval } from './approval-queue.js';
import { wrapRanges } from './wrap.js';

/** Rows of the modal besides its argument lines (border, four lines of text, two of keys). */
const FIXED_ROWS = 8;

/** The request's arguments as display lines of `width` columns (JSON, controls as symbols). */
export function argumentLines(request: Pick<ApprovalRequest, 'input'>, width: number): string[] {
  // Strings hold no raw line break in JSON: the only ones are the layout's.
  const text = terminalText(terminalJson(terminalSafe(request.input ?? null), 2));
  return wrapRanges(text, Math.max(10, width)).map(([start, end]) => text.slice(start, end));
}

/** The argument lines the modal shows at most, to stay within `maxRows`. */
function argumentRows(lines: number, maxRows: number): number {
  return Math.max(1, Math.min(lines, maxRows - FIXED_ROWS));
}

/** Rows the modal takes for a request, at most `maxRows`. */
export function approvalPromptHeight(request: ApprovalRequest, width: number, maxRows: number): number {
  return FIXED_ROWS + argumentRows(argumentLines(request, innerWidth(width) - 2).length, maxRows);
}

const innerWidth = (width: number) => Math.max(12, width - 4);

export interface ApprovalPromptProps {
  pending: PendingApproval;
  /** Requests waiting, this one included. */
  waiting: number;
  width: number;
  /** Its height (see {@link approvalPromptHeight}). */
  height: number;
  onChoice: (choice: ApprovalChoice) => void;
  /** Whether it reads keys (a terminal on stdin). */
  keys: boolean;
}

export function ApprovalPrompt({ pending, waiting, width, height, onChoice, keys }: ApprovalPromptProps) {
  const { request } = pending;
  const inner = innerWidth(width);
  const lines = argumentLines(request, inner - 2);
  const shown = Math.max(1, height - FIXED_ROWS);
  const maxScroll = Math.max(0, lines.length - shown);
  // Keys can arrive faster than frames: the state lives in a ref, a counter redraws it.
  const state = useRef<ApprovalPromptState>(initialApprovalPrompt);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useInput(
    (input, key) => {
      const next = approvalKey(state.current, input, key, maxScroll, shown);
      state.current = next.state;
      if (next.choice) onChoice(next.choice);
      else redraw();
    },
    { isActive: keys },
  );

  const { mode, message } = state.current;
  const scroll = Math.min(state.current.scroll, maxScroll);
  const visible = lines.slice(scroll, scroll + shown);
  const more =
    lines.length > shown
      ? ` (lines ${scroll + 1}–${scroll + visible.length} of ${lines.length}, ↑/↓ scroll)`
      : '';
  const { risk } = request;
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor="red"
      width={width}
      height={height}
      paddingX={1}
    >
      <Text wrap="truncate" color="red" bold>
        {`Approval needed${waiting > 1 ? ` (1 of ${waiting} waiting)` : ''}: agent ${oneLine(request.agentId)} wants to run `}
        <Text color="white">{oneLine(request.toolName)}</Text>
      </Text>
      <Text wrap="truncate">
        {`risk: ${risk.level}${risk.openWorld ? ', reaches outside this machine' : ''} — ${oneLine(risk.reason)}`}
      </Text>
      <Text wrap="truncate">{`why asked: ${oneLine(request.reason)}`}</Text>
      <Text wrap="truncate" dimColor>{`arguments${more}:`}</Text>
      {visible.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <Text key={i} wrap="truncate">{`  ${line}`}</Text>
      ))}
      {Array.from({ length: shown - visible.length }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: filler rows
        <Text key={`pad${i}`}> </Text>
      ))}
      {mode === 'message' ? (
        <>
          <Text wrap="truncate" bold>
            {`message to the model (optional): > ${terminalLine(message)}`.slice(-inner)}
          </Text>
          <Text wrap="truncate" dimColor>
            enter deny with this message · esc back
          </Text>
        </>
      ) : (
        <>
          <Text wrap="truncate" bold>
            {'y approve once · s this run · a always (policy file) · n deny with a message · esc deny'}
          </Text>
          <Text wrap="truncate" dimColor>
            {keys
              ? 'the run waits for this decision · ctrl-c interrupts the run'
              : '(answering needs a terminal on stdin)'}
          </Text>
        </>
      )}
    </Box>
  );
}
