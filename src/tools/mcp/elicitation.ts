/**
 * MCP elicitation (`elicitation/create`, form mode): a server asks the user for a few values in the
 * middle of a tool call. The request goes to the run's {@link ElicitationHandler} port (the terminal
 * UI's prompt); without one (`--automation`, pipes, library use without the port) it is declined at
 * once. Both sides are events: `elicitation-request` and `elicitation-response` (which records the
 * action and the names of the fields the user filled in, never their values). Defaults the user left out are
 * filled in by the SDK (`applyDefaults`).
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { ElicitationAction, ElicitationSchema, EventInput } from '../../events/types.js';

/** What the handler is asked. */
export interface ElicitationRequest {
  agentId: string;
  /** The server's `name` in the config. */
  server: string;
  message: string;
  requestedSchema: ElicitationSchema;
  /** Aborted when the server cancels the request or the run ends. */
  signal: AbortSignal;
}

/** A field value MCP allows in an elicitation answer. */
export type ElicitationValue = string | number | boolean | string[];

/** The user's answer. `content` goes with `accept`. */
export interface ElicitationResponse {
  action: ElicitationAction;
  content?: Record<string, ElicitationValue>;
}

/** Asks the user. A rejection counts as `cancel`. */
export type ElicitationHandler = (request: ElicitationRequest) => Promise<ElicitationResponse>;

/** The client capability declared when connecting: form mode, defaults applied by the SDK. */
export const ELICITATION_CAPABILITY = { elicitation: { form: { applyDefaults: true } } } as const;

export interface ElicitationOptions {
  agentId: string;
  server: string;
  emit: (event: EventInput) => void;
  /** The port; absent: every request is declined. */
  handler?: ElicitationHandler;
  /** The connection's end. */
  signal: AbortSignal;
}

let sequence = 0;

/** Answers the server's elicitation requests on `client` (call before connecting). */
export async function handleElicitation(client: Client, options: ElicitationOptions): Promise<void> {
  const { ElicitRequestSchema } = await import('@modelcontextprotocol/sdk/types.js');
  client.setRequestHandler(ElicitRequestSchema, async (request, extra) => {
    const params = request.params as {
      message: string;
      requestedSchema?: ElicitationSchema;
    };
    const requestId = `${options.agentId}/${options.server}/${++sequence}`;
    const base = { agentId: options.agentId, server: options.server, requestId };
    const requestedSchema = params.requestedSchema ?? { type: 'object' as const, properties: {} };
    options.emit({ type: 'elicitation-request', ...base, message: params.message, requestedSchema });
    if (!options.handler) {
      options.emit({
        type: 'elicitation-response',
        ...base,
        action: 'decline',
        reason: 'no interactive display to ask the user',
      });
      return { action: 'decline' };
    }
    let answer: ElicitationResponse;
    try {
      answer = await options.handler({
        agentId: options.agentId,
        server: options.server,
        message: params.message,
        requestedSchema,
        signal: AbortSignal.any([extra.signal, options.signal]),
      });
    } catch {
      answer = { action: 'cancel' };
    }
    const accepted = answer.action === 'accept';
    const content = accepted ? (answer.content ?? {}) : undefined;
    options.emit({
      type: 'elicitation-response',
      ...base,
      action: answer.action,
      ...(content ? { fields: Object.keys(content) } : {}),
    });
    return content ? { action: 'accept', content } : { action: answer.action };
  });
}
