/**
 * A run of three hostile agents on the fake provider, for the CLI tests of what reaches the terminal:
 * the question, the answers, the reasoning, tool arguments and results, provider errors and votes all
 * carry the sequences of {@link HOSTILE}.
 */
import { type FakeRequest, findAnswerLabels, type Scenario, scripted } from '../fake-provider/scenario.js';
import type { FakeProvider } from '../fake-provider/server.js';
import { cliHelpers } from '../tools/cli-helpers.js';
import { writeFile } from './cli.js';
import { HOSTILE, SEQUENCES, SHOWN } from './hostile-text.js';

/** The question: a title change and two cursor reports (7-bit and 8-bit). */
export const QUESTION = `What is 2+2? ${SEQUENCES.title}${SEQUENCES.cursorReport}${SEQUENCES.csi8}`;
/** How a display shows it. */
export const QUESTION_SHOWN = `What is 2+2? ${SHOWN.title}␛[6n␛[6n`;

/** Answers, votes and presents with the hostile text, by what the request offers. */
function hostileBot(req: FakeRequest) {
  const tools = new Set(req.tools.map((t) => t.name));
  if (!tools.has('vote')) return { text: `Final: ${HOSTILE}` };
  const labels = findAnswerLabels(req);
  if (labels[0] !== undefined)
    return { toolCalls: [{ name: 'vote', args: { agent_id: labels[0], reason: `Best. ${HOSTILE}` } }] };
  return { toolCalls: [{ name: 'new_answer', args: { content: `Answer of ${req.model}: ${HOSTILE}` } }] };
}

/**
 * Agent a streams the text and reasoning, writes a file holding it (and reads it back next), reads a
 * file whose name holds a sequence (a tool error) and runs a command that prints one (a tool result);
 * b is refused once with a 429 whose message holds it (a retry); c is refused with a 400 (an error,
 * then dropped).
 */
export function hostileScenario(): Scenario {
  return scripted(
    {
      'evil-a': [
        {
          reasoning: `Thinking ${HOSTILE}\n`,
          text: `Streaming ${HOSTILE}\n`,
          toolCalls: [
            { id: 'w', name: 'write_file', args: { path: 'evil.txt', content: HOSTILE } },
            { id: 'm', name: 'read_file', args: { path: `missing${SEQUENCES.clear}.txt` } },
            { id: 'x', name: 'execute_command', args: { command: "printf '\\033]0;PWNED-CMD\\007done'" } },
          ],
        },
        { toolCalls: [{ id: 'r', name: 'read_file', args: { path: 'evil.txt' } }] },
      ],
      'evil-b': [{ error: { status: 429, message: `Slow down ${HOSTILE}` } }],
      'evil-c': [{ error: { status: 400, message: `Bad request ${HOSTILE}` } }],
    },
    hostileBot,
  );
}

/** Writes `evil.yaml` into `home`: agents a, b, c on models evil-a, evil-b, evil-c (or some of them). */
export function hostileConfig(
  fake: FakeProvider,
  home: string,
  models = ['evil-a', 'evil-b', 'evil-c'],
): string {
  const { agent } = cliHelpers(() => fake);
  const agents = models.map((m) =>
    agent(m.slice(-1), m, m === 'evil-a' ? ['cwd: ws', 'enable_mcp_command_line: true'] : []),
  );
  return writeFile(home, 'evil.yaml', ['agents:', ...agents, ''].join('\n'));
}
