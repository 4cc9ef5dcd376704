/** The building blocks of the HTTP API's OpenAPI document: schema helpers and its component schemas. */

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: unknown) => ({ 'application/json': { schema } });
export const reply = (description: string, schema?: unknown) =>
  schema === undefined ? { description } : { description, content: json(schema) };
export const error = (description: string) => reply(description, ref('Error'));
export const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'The run id.',
};
export const str = { type: 'string' };
export const num = { type: 'number' };
export const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
});
export const configChoice = {
  config: { type: 'object', description: 'A config object (the YAML keys).' },
  configPath: { type: 'string', description: 'A config file on the server (relative to its folder).' },
};
export const workspaceFiles = { type: 'array', items: obj({ path: str, size: num }, ['path', 'size']) };

/** `components.schemas`: the bodies the API takes and gives. */
export const SCHEMAS = {
  Error: obj(
    {
      error: obj(
        {
          code: {
            type: 'string',
            enum: [
              'bad_request',
              'unauthorized',
              'forbidden',
              'not_found',
              'conflict',
              'too_large',
              'unsupported_media_type',
              'model_not_found',
              'run_failed',
              'internal',
            ],
          },
          message: { type: 'string', description: 'The problem and its fix.' },
          type: { type: 'string', description: 'Under /v1 only: the OpenAI error type.' },
          param: str,
          issues: { type: 'array', items: obj({ path: str, message: str }, ['path', 'message']) },
        },
        ['code', 'message'],
      ),
    },
    ['error'],
  ),
  RunStatus: {
    type: 'string',
    enum: ['running', 'completed', 'timeout', 'interrupted', 'failed', 'budget'],
  },
  RunSummary: obj(
    {
      id: str,
      question: str,
      status: ref('RunStatus'),
      winner: str,
      startedAt: { type: 'string', format: 'date-time' },
      durationMs: num,
      tokens: num,
      costUsd: num,
      agents: { type: 'array', items: str },
      live: { type: 'boolean', description: 'Under way in this server.' },
      sessionId: str,
    },
    ['id', 'question', 'status', 'startedAt', 'agents', 'live'],
  ),
  RunDetail: obj(
    {
      id: str,
      status: ref('RunStatus'),
      question: str,
      winner: str,
      agents: { type: 'array', items: obj({ id: str, model: str, status: str }, ['id', 'status']) },
      answers: {
        type: 'array',
        items: obj({ agentId: str, label: str, text: str }, ['agentId', 'label', 'text']),
      },
      votes: {
        type: 'array',
        items: obj({ agentId: str, votedFor: str, reason: str }, ['agentId', 'votedFor', 'reason']),
      },
      finalAnswer: str,
      tokens: num,
      costUsd: num,
      startedAt: { type: 'string', format: 'date-time' },
      durationMs: num,
      sessionId: str,
      error: str,
      generatedFiles: {
        type: 'array',
        description: 'The files the presenter’s generation tools made, in the final workspace.',
        items: obj(
          {
            agentId: str,
            path: { type: 'string', description: 'Its path in the final workspace.' },
            mode: { type: 'string', enum: ['image', 'audio', 'video'] },
            mediaType: str,
            bytes: num,
            url: { type: 'string', description: 'Where the server serves it.' },
          },
          ['agentId', 'path', 'mode', 'mediaType', 'bytes', 'url'],
        ),
      },
    },
    ['id', 'status', 'question', 'agents', 'answers', 'votes', 'startedAt'],
  ),
  Approval: obj(
    {
      id: str,
      runId: str,
      requestId: { type: 'string', description: 'The requestId of the run’s approval-request event.' },
      agentId: str,
      toolName: str,
      input: {},
      risk: obj({
        level: { type: 'string', enum: ['read-only', 'reversible', 'irreversible', 'unknown'] },
        openWorld: { type: 'boolean' },
        source: str,
        reason: str,
      }),
      reason: str,
    },
    ['id', 'runId', 'requestId', 'agentId', 'toolName', 'input', 'risk', 'reason'],
  ),
};
