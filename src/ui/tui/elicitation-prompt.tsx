/**
 * The prompt of an MCP elicitation: the server's message, then its fields one at a time. Type the
 * answer and press Enter (empty: the server's default, or leave the field out); after the last field
 * the form is sent (`accept`). Esc declines the whole request. It owns the keyboard while shown.
 * Every text of the server's request is shown with its control characters as symbols (terminal-text.ts).
 */
import { Box, Text, useInput } from 'ink';
import { useMemo, useReducer, useRef } from 'react';
import { oneLine, terminalLine } from '../terminal-text.js';
import { type FormValue, fieldHint, formFields, parseAnswer } from './elicitation-form.js';
import type { ElicitationAnswer, PendingElicitation } from './elicitation-queue.js';

/** Rows the prompt takes (border included). */
export const ELICITATION_PROMPT_HEIGHT = 7;

export interface ElicitationPromptProps {
  pending: PendingElicitation;
  width: number;
  onAnswer: (answer: ElicitationAnswer) => void;
  /** Whether it reads keys (a terminal on stdin). */
  keys: boolean;
}

export function ElicitationPrompt({ pending, width, onAnswer, keys }: ElicitationPromptProps) {
  const fields = useMemo(() => formFields(pending.ask.requestedSchema), [pending]);
  // Keys can arrive faster than frames: the form lives in a ref, a counter redraws it.
  const form = useRef<{ index: number; input: string; error?: string; values: Record<string, FormValue> }>({
    index: 0,
    input: '',
    values: {},
  });
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const { index, input, error } = form.current;
  const field = fields[index];

  useInput(
    (text, key) => {
      const f = form.current;
      if (key.escape) {
        onAnswer({ action: 'decline' });
        return;
      }
      if (key.return) {
        const current = fields[f.index];
        if (!current) {
          onAnswer({ action: 'accept', content: f.values });
          return;
        }
        const parsed = parseAnswer(current, f.input);
        if ('error' in parsed) {
          f.error = parsed.error;
        } else {
          if ('value' in parsed) f.values = { ...f.values, [current.name]: parsed.value };
          f.input = '';
          f.error = undefined;
          if (f.index + 1 >= fields.length) {
            onAnswer({ action: 'accept', content: f.values });
            return;
          }
          f.index++;
        }
      } else if (key.backspace || key.delete) {
        f.input = f.input.slice(0, -1);
      } else if (
        key.ctrl ||
        key.meta ||
        key.tab ||
        key.upArrow ||
        key.downArrow ||
        key.leftArrow ||
        key.rightArrow
      ) {
        return;
      } else if (text) {
        f.input += text;
      }
      redraw();
    },
    { isActive: keys },
  );

  const { ask } = pending;
  const inner = Math.max(10, width - 4);
  const title = field
    ? `${field.label}${field.required ? ' *' : ''}${field.description ? ` — ${field.description}` : ''}`
    : 'No fields: press Enter to send';
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor="yellow"
      width={width}
      height={ELICITATION_PROMPT_HEIGHT}
      paddingX={1}
    >
      <Text wrap="truncate" color="yellow">
        {`MCP server "${oneLine(ask.server)}" (agent ${oneLine(ask.agentId)}) asks: `}
        <Text color="white">{oneLine(ask.message)}</Text>
      </Text>
      <Text wrap="truncate" bold>
        {fields.length > 0 ? `[${Math.min(index + 1, fields.length)}/${fields.length}] ` : ''}
        {oneLine(title)}
      </Text>
      <Text wrap="truncate">{`> ${terminalLine(input)}`.slice(-inner)}</Text>
      <Text wrap="truncate" color={error ? 'red' : undefined} dimColor={!error}>
        {terminalLine(error ?? (field ? fieldHint(field) : ''))}
      </Text>
      <Text wrap="truncate" dimColor>
        {keys
          ? 'enter next field (the last one sends) · esc decline'
          : '(answering needs a terminal on stdin)'}
      </Text>
    </Box>
  );
}
