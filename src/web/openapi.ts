/** The OpenAPI 3.1 document of the HTTP API (`GET /api/openapi.json`). */
import pkg from '../../package.json' with { type: 'json' };
import {
  configChoice,
  error,
  idParam,
  json,
  num,
  obj,
  ref,
  reply,
  SCHEMAS,
  str,
  workspaceFiles,
} from './openapi-schemas.js';

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'MassGen HTTP API',
    version: pkg.version,
    description:
      'Start, follow, cancel and read runs; configs, approvals and workspaces; an OpenAI-compatible endpoint. ' +
      'Off loopback every request needs the server token: Authorization: Bearer <token> (or ?token= on a GET).',
  },
  components: {
    securitySchemes: { token: { type: 'http', scheme: 'bearer' } },
    schemas: SCHEMAS,
  },
  security: [{}, { token: [] }],
  paths: {
    '/api/runs': {
      post: {
        summary: 'Start a run (as a session turn; sessionId continues a saved session).',
        requestBody: {
          required: true,
          content: json(
            obj(
              {
                ...configChoice,
                example: { type: 'string', description: 'A packaged example: NAME or @examples/NAME.' },
                question: str,
                sessionId: str,
                attachments: {
                  type: 'array',
                  maxItems: 20,
                  description:
                    'Files for every agent (images, PDF, .docx, .xlsx, .csv, .pptx, audio, video, text), within the 1 MiB body.',
                  items: obj({ name: str, data: { type: 'string', description: 'The bytes, base64.' } }, [
                    'name',
                    'data',
                  ]),
                },
              },
              ['question'],
            ),
          ),
        },
        responses: {
          201: reply('Started.', obj({ id: str, sessionId: str }, ['id'])),
          400: error('A bad body or config (exactly one of config, configPath, example), or a missing key.'),
          404: error('Unknown session.'),
          413: error('Body over 1 MiB.'),
          415: error('Not JSON.'),
        },
      },
      get: {
        summary: 'Every run, newest first: those under way and those in the log folder.',
        parameters: [
          {
            name: 'q',
            in: 'query',
            schema: str,
            description: 'Only questions containing this text (any case).',
          },
        ],
        responses: {
          200: reply('The runs.', obj({ runs: { type: 'array', items: ref('RunSummary') } }, ['runs'])),
        },
      },
    },
    '/api/runs/{id}': {
      get: {
        summary: 'One run: its agents, answers, votes and final answer.',
        parameters: [idParam],
        responses: { 200: reply('The run.', ref('RunDetail')), 404: error('No such run.') },
      },
    },
    '/api/runs/{id}/cancel': {
      post: {
        summary: 'Interrupt a run under way (it ends as interrupted, its logs kept).',
        parameters: [idParam],
        responses: {
          202: reply('Interrupting.', obj({ id: str, status: ref('RunStatus') }, ['id', 'status'])),
          404: error('No such run.'),
          409: error('The run has ended.'),
        },
      },
    },
    '/api/runs/{id}/events': {
      get: {
        summary:
          'The run’s events as Server-Sent Events: `id: <seq>` and `data: <event JSON>` each, all so far then live; after run-end, `event: end` and the stream closes. Past runs replay from events.jsonl.',
        parameters: [
          idParam,
          { name: 'Last-Event-ID', in: 'header', schema: str, description: 'Resume after this seq.' },
          {
            name: 'lastEventId',
            in: 'query',
            schema: str,
            description: 'Resume after this seq (for EventSource reconnects by hand).',
          },
        ],
        responses: {
          200: { description: 'The stream.', content: { 'text/event-stream': { schema: str } } },
          404: error('No such run.'),
        },
      },
    },
    '/api/runs/{id}/workspace': {
      get: {
        summary: 'The agents’ workspace snapshots and the final workspace.',
        parameters: [idParam],
        responses: {
          200: reply(
            'The workspaces.',
            obj(
              {
                agents: {
                  type: 'array',
                  items: obj({
                    agentId: str,
                    snapshots: { type: 'array', items: obj({ name: str, files: workspaceFiles }) },
                  }),
                },
                final: obj({ files: workspaceFiles }),
              },
              ['agents'],
            ),
          ),
          404: error('No such run (or no log folder).'),
        },
      },
    },
    '/api/runs/{id}/workspace/{agentId}/{snapshot}/{path}': {
      get: {
        summary: 'A file of a snapshot, with its content type (HTML and SVG sandboxed).',
        parameters: [
          idParam,
          { name: 'agentId', in: 'path', required: true, schema: str },
          { name: 'snapshot', in: 'path', required: true, schema: str },
          { name: 'path', in: 'path', required: true, schema: str },
        ],
        responses: { 200: { description: 'The file.' }, 404: error('No such file in the workspace.') },
      },
    },
    '/api/runs/{id}/workspace/final/{path}': {
      get: {
        summary: 'A file of the final workspace (generated media among them); one Range of bytes on request.',
        parameters: [idParam, { name: 'path', in: 'path', required: true, schema: str }],
        responses: {
          200: { description: 'The file.' },
          206: { description: 'The bytes the Range header asked for (Content-Range says which).' },
          404: error('No such file in the workspace.'),
          416: { description: 'The range starts past the end of the file.' },
        },
      },
    },
    '/api/configs': {
      get: {
        summary: 'The configs the server was started with, then the packaged examples (@examples/NAME).',
        responses: {
          200: reply(
            'The configs.',
            obj(
              {
                configs: {
                  type: 'array',
                  items: obj({ name: str, path: str, example: { type: 'boolean' } }, ['name', 'example']),
                },
              },
              ['configs'],
            ),
          ),
        },
      },
    },
    '/api/configs/validate': {
      post: {
        summary: 'Validate a config with the checks and messages of massgen --validate.',
        requestBody: {
          required: true,
          content: json(obj({ ...configChoice, yaml: { type: 'string', description: 'YAML text.' } })),
        },
        responses: {
          200: reply(
            'The result.',
            obj(
              {
                ok: { type: 'boolean' },
                errors: {
                  type: 'array',
                  items: obj({ path: str, message: str, file: str, suggestion: str }, ['path', 'message']),
                },
              },
              ['ok'],
            ),
          ),
          400: error('Not exactly one of config, configPath, yaml.'),
        },
      },
    },
    '/api/approvals': {
      get: {
        summary: 'Tool calls waiting for a person, oldest first.',
        parameters: [{ name: 'runId', in: 'query', schema: str, description: 'Only those of this run.' }],
        responses: {
          200: reply(
            'Pending approvals.',
            obj({ approvals: { type: 'array', items: ref('Approval') } }, ['approvals']),
          ),
        },
      },
    },
    '/api/approvals/{id}': {
      post: {
        summary: 'Answer a pending approval (decided by: human).',
        parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
        requestBody: {
          required: true,
          content: json(
            obj(
              {
                approved: { type: 'boolean' },
                scope: { type: 'string', enum: ['once', 'session', 'always'], default: 'once' },
                feedback: str,
              },
              ['approved'],
            ),
          ),
        },
        responses: {
          200: reply('Answered.', obj({ ok: { type: 'boolean' } }, ['ok'])),
          404: error('Not pending.'),
        },
      },
    },
    '/v1/models': {
      get: {
        summary: 'OpenAI-compatible: the configs as models (file name without extension, @examples/NAME).',
        responses: {
          200: reply(
            'The models.',
            obj({
              object: { const: 'list' },
              data: {
                type: 'array',
                items: obj({ id: str, object: { const: 'model' }, created: num, owned_by: str }),
              },
            }),
          ),
        },
      },
    },
    '/v1/chat/completions': {
      post: {
        summary:
          'OpenAI-compatible: the last user message is the question, earlier user and assistant messages the history, `model` the config; the reply is the final answer (a chat.completion, or chat.completion.chunk events ending with data: [DONE] when stream is true).',
        requestBody: {
          required: true,
          content: json(
            obj(
              {
                model: str,
                messages: { type: 'array', items: obj({ role: str, content: {} }, ['role']) },
                stream: { type: 'boolean' },
                stream_options: obj({ include_usage: { type: 'boolean' } }),
              },
              ['model', 'messages'],
            ),
          ),
        },
        responses: {
          200: {
            description: 'The completion.',
            content: {
              'application/json': { schema: { type: 'object' } },
              'text/event-stream': { schema: str },
            },
          },
          404: error('Unknown model.'),
          500: error('The run ended without a final answer.'),
        },
      },
    },
    '/api/openapi.json': {
      get: { summary: 'This document.', responses: { 200: { description: 'OpenAPI 3.1.' } } },
    },
  },
} as const;
