/**
 * Schema of an agent's `backend:` block (MassGen §4.3): every key MassGen knows, snake_case as in the
 * YAML. Unknown keys are errors. Cross-field rules (type inference, default model, unsupported types,
 * provider-native tools) live in `schema-backend-rules.ts`.
 */
import { z } from 'zod';
import { FRAMEWORK_KINDS } from '../adapters/frameworks/kinds.js';
import { BACKEND_TYPES, type BackendType } from '../providers/catalog.js';
import { toolRiskSchema } from './schema-backend-risk.js';
import { checkBackend, normaliseBackend } from './schema-backend-rules.js';
import {
  always,
  fraction,
  freeObject,
  httpUrl,
  isPlainObject,
  nonEmptyString,
  positiveInt,
  stringList,
  stringOrList,
  timeoutSeconds,
} from './schema-common.js';
import { generationRoutingFields } from './schema-generation.js';
import { permissionsSchema } from './schema-permissions.js';

/** `params` of a custom issue: the fix shown under the message. */
const fix = (suggestion: string) => ({ suggestion });

/** `oauth` of a remote MCP server (src/tools/mcp/oauth-config.ts): `true` or the options. */
const mcpOAuthSchema = z.union([
  z.boolean(),
  z.strictObject({
    grant_type: z.enum(['authorization_code', 'client_credentials', 'cross_app_access']).optional(),
    client_id: nonEmptyString.optional(),
    client_secret: nonEmptyString.optional(),
    scope: z.string().optional(),
    callback_port: z.number().int().min(1).max(65535).optional(),
    client_metadata_url: nonEmptyString.optional(),
    client_name: nonEmptyString.optional(),
    private_key: nonEmptyString.optional(),
    signing_algorithm: nonEmptyString.optional(),
    id_token: nonEmptyString.optional(),
    idp_token_endpoint: nonEmptyString.optional(),
    idp_client_id: nonEmptyString.optional(),
    idp_client_secret: nonEmptyString.optional(),
  }),
]);

/**
 * One MCP server (MassGen §4.3): `stdio` (`command`, `args`, `env`, `cwd`) or `streamable-http` /
 * `sse` (`url`, `headers`); the type defaults to stdio with `command`, streamable-http with `url`.
 * Values may use `${VAR}`. Other keys MassGen knows (`security`, …) are accepted.
 */
export const mcpServerSchema = z
  .looseObject({
    name: nonEmptyString,
    type: z.enum(['stdio', 'streamable-http', 'sse']).optional(),
    command: nonEmptyString.optional(),
    args: z.array(z.union([z.string(), z.number()])).optional(),
    url: nonEmptyString.optional(),
    headers: z.record(z.string(), z.string()).optional(),
    oauth: mcpOAuthSchema.optional(),
    env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    cwd: z.string().optional(),
    security: freeObject.optional(),
    allowed_tools: stringList.optional(),
    exclude_tools: stringList.optional(),
    timeout_seconds: timeoutSeconds.optional(),
    /** Its tool annotations count as risk evidence (see src/safety/risk/). */
    trusted: z.boolean().optional(),
    /** Declared risk of its tools, by the server's own tool names. */
    tool_risk: toolRiskSchema.optional(),
  })
  .superRefine((server, ctx) => {
    const type =
      server.type ?? (server.command === undefined && server.url !== undefined ? 'streamable-http' : 'stdio');
    if (type === 'stdio' && server.command === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['command'],
        message: `MCP server \`${server.name}\` (stdio) has no \`command\``,
        params: fix('add `command:` (and `args:`), or `type: streamable-http` with `url:`'),
      });
    }
    if (type === 'stdio' && server.oauth !== undefined && server.oauth !== false) {
      ctx.addIssue({
        code: 'custom',
        path: ['oauth'],
        message: `MCP server \`${server.name}\` (stdio) cannot use \`oauth\`: it is for remote servers`,
        params: fix('remove `oauth`, or give the server `url:`'),
      });
    }
    const oauth = typeof server.oauth === 'object' ? server.oauth : undefined;
    if (
      oauth?.grant_type === 'client_credentials' &&
      (!oauth.client_id || !(oauth.client_secret || oauth.private_key))
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['oauth'],
        message: `MCP server \`${server.name}\`: \`grant_type: client_credentials\` needs \`client_id\` and \`client_secret\` (or \`private_key\`)`,
        params: fix('add `client_id:` and `client_secret: "${CLIENT_SECRET}"`'),
      });
    }
    if (
      oauth?.grant_type === 'cross_app_access' &&
      (!oauth.id_token || !oauth.idp_token_endpoint || !oauth.client_id)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['oauth'],
        message: `MCP server \`${server.name}\`: \`grant_type: cross_app_access\` needs \`id_token\`, \`idp_token_endpoint\` and \`client_id\``,
        params: fix('add `id_token: "${IDP_ID_TOKEN}"`, `idp_token_endpoint:` and `client_id:`'),
      });
    }
    if (type !== 'stdio' && server.url === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: `MCP server \`${server.name}\` (${type}) has no \`url\``,
        params: fix('add `url: http://…/mcp`'),
      });
    }
  });

/**
 * `mcp_servers` as a list of `{name, ...}` entries. The name-keyed map form (`mcp_servers: {weather:
 * {...}}`, used by Claude Code configs) is turned into that list.
 */
export const mcpServersSchema = z.preprocess(
  (value) =>
    isPlainObject(value)
      ? Object.entries(value).map(([name, server]) => (isPlainObject(server) ? { name, ...server } : server))
      : value,
  z.array(mcpServerSchema),
);

const MODULE_EXTENSION = /\.(m|c)?(j|t)s$/i;

/**
 * One `custom_tools` entry. Module form: `path` to a .js/.ts module and `function` (export names;
 * `name`, `description`, `preset_args` may be parallel lists). Command form: `name` and
 * `command: [program, ...argument templates with {param}]`. A `.py` path or no path at all is a
 * MassGen Python tool (a warning: not supported yet).
 */
export const customToolSchema = z
  .strictObject({
    name: stringOrList.optional(),
    function: stringOrList.optional(),
    path: z.string().optional(),
    category: z.string().optional(),
    description: stringOrList.optional(),
    preset_args: z.union([freeObject, z.array(freeObject)]).optional(),
    default_params: freeObject.optional(),
    parameters: freeObject.optional(),
    command: z
      .array(z.union([nonEmptyString, z.number()]))
      .min(1)
      .optional(),
    cwd: nonEmptyString.optional(),
    env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    timeout_seconds: timeoutSeconds.optional(),
  })
  .superRefine((tool, ctx) => {
    const issue = (key: string, message: string, suggestion: string) =>
      ctx.addIssue({ code: 'custom', path: [key], message, params: fix(suggestion) });
    if (tool.command !== undefined) {
      if (tool.path !== undefined || tool.function !== undefined) {
        issue(
          'command',
          'a custom tool has either `command` or `path` + `function`, not both',
          'keep one form',
        );
      }
      if (typeof tool.name !== 'string') {
        issue('name', 'a command tool needs one `name`', 'add `name: my_tool`');
      }
      return;
    }
    if (tool.function === undefined) {
      issue(
        'function',
        'missing `function` (or `command`)',
        'add `function: <export name>` and `path:`, or `command: [program, args…]`',
      );
      return;
    }
    const count = Array.isArray(tool.function) ? tool.function.length : 1;
    for (const key of ['name', 'description', 'preset_args'] as const) {
      const value = tool[key];
      if (Array.isArray(value) && value.length !== count && !(key !== 'name' && value.length === 1)) {
        issue(
          key,
          `\`${key}\` lists ${value.length} values for ${count} function(s)`,
          `give one value per function, in order`,
        );
      }
    }
    if (tool.path !== undefined && !MODULE_EXTENSION.test(tool.path) && !tool.path.endsWith('.py')) {
      issue(
        'path',
        `unsupported custom tool file \`${tool.path}\``,
        'use a .js, .mjs, .ts or .mts module (or a `command`)',
      );
    }
  });

/** One `context_paths` entry (backend or orchestrator level). */
export const contextPathSchema = z.strictObject({
  path: nonEmptyString,
  permission: z.enum(['read', 'write']).default('read'),
  protected_paths: stringList.optional(),
});

/** One `upload_files` entry: a file or an http(s) URL given to the model as input. */
export const uploadFileSchema = z.strictObject({
  image_path: nonEmptyString.optional(),
  audio_path: nonEmptyString.optional(),
  video_path: nonEmptyString.optional(),
  file_path: nonEmptyString.optional(),
  /** A PDF's pages also as images, for agents that get the PDF as text. */
  pages_as_images: z.boolean().optional(),
});

const backendTypeSchema = z.enum(BACKEND_TYPES as [BackendType, ...BackendType[]]);

/** The keys of a backend block, before the cross-field rules. */
export const backendShape = {
  type: backendTypeSchema.optional(),
  model: nonEmptyString.optional(),
  api_key: nonEmptyString.optional(),
  base_url: httpUrl.optional(),
  // Sampling.
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: positiveInt.optional(),
  top_p: fraction.optional(),
  top_k: positiveInt.optional(),
  // OpenAI Responses API.
  text: z.strictObject({ verbosity: z.enum(['low', 'medium', 'high']).optional() }).optional(),
  reasoning: z
    .strictObject({
      effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).optional(),
      summary: z.enum(['auto', 'concise', 'detailed']).optional(),
    })
    .optional(),
  // Provider extras.
  extra_body: freeObject.optional(),
  betas: stringList.optional(),
  chat_template_kwargs: freeObject.optional(),
  // Azure OpenAI.
  api_version: nonEmptyString.optional(),
  azure_endpoint: httpUrl.optional(),
  // Provider-native tools.
  enable_web_search: z.boolean().optional(),
  enable_code_execution: z.boolean().optional(),
  enable_code_interpreter: z.boolean().optional(),
  // Generation tools.
  enable_image_generation: z.boolean().optional(),
  enable_audio_generation: z.boolean().optional(),
  enable_video_generation: z.boolean().optional(),
  enable_file_generation: z.boolean().optional(),
  // MCP and custom tools.
  mcp_servers: mcpServersSchema.optional(),
  allowed_tools: stringList.optional(),
  exclude_tools: stringList.optional(),
  disallowed_tools: stringList.optional(),
  custom_tools: z.array(customToolSchema).optional(),
  /** Declared risk of tools, by the names the model sees (see src/safety/risk/). */
  tool_risk: toolRiskSchema.optional(),
  max_mcp_message_history: positiveInt.optional(),
  // Filesystem and command-line execution.
  cwd: nonEmptyString.optional(),
  context_paths: z.array(contextPathSchema).optional(),
  enforce_read_before_delete: z.boolean().optional(),
  enable_mcp_command_line: z.boolean().optional(),
  command_line_execution_mode: z.enum(['local', 'docker']).optional(),
  command_line_allowed_commands: stringList.optional(),
  command_line_blocked_commands: stringList.optional(),
  /** Variables of MassGen's environment handed to `execute_command` (it gets no others but PATH, HOME, LANG, TERM). */
  command_line_pass_env_vars: z
    .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'not a variable name'))
    .optional(),
  command_line_docker_image: nonEmptyString.optional(),
  command_line_docker_memory_limit: nonEmptyString.optional(),
  command_line_docker_cpu_limit: z.number().positive().optional(),
  command_line_docker_network_mode: z.enum(['none', 'bridge', 'host']).optional(),
  command_line_docker_enable_sudo: z.boolean().optional(),
  command_line_docker_credentials: freeObject.optional(),
  command_line_docker_packages: freeObject.optional(),
  // Tool-call safety (src/safety): policy rules, approvals, audit.
  permissions: permissionsSchema.optional(),
  // Multimodal input.
  upload_files: z.array(uploadFileSchema).optional(),
  /** `read_media` and `generate_media` for an agent with a workspace (src/media/). */
  enable_multimodal_tools: z.boolean().optional(),
  /** Where `generate_media` sends each mode (src/config/schema-generation.ts). */
  ...generationRoutingFields,
  // Claude Code (src/adapters/claude-code).
  permission_mode: z.enum(['default', 'acceptEdits', 'bypassPermissions', 'plan']).optional(),
  max_thinking_tokens: positiveInt.optional(),
  system_prompt: z.string().optional(),
  append_system_prompt: z.string().optional(),
  // Gemini CLI (src/adapters/gemini-cli).
  approval_mode: z.enum(['default', 'auto_edit', 'yolo', 'plan']).optional(),
  // GitHub Copilot (src/adapters/copilot).
  copilot_provider: z.enum(['openai', 'azure', 'anthropic', 'github']).optional(),
  wire_api: z.enum(['completions', 'responses']).optional(),
  copilot_system_message_mode: z.enum(['append', 'replace']).optional(),
  system_message_mode: z.enum(['append', 'replace']).optional(),
  copilot_permission_policy: z.enum(['approve', 'deny']).optional(),
  permission_policy: z.enum(['approve', 'deny']).optional(),
  session_send_timeout_seconds: z.number().positive().optional(),
  // A custom adapter (`type: adapter`): the module and its export; with `adapter:`, the framework
  // of the agent it exports (src/adapters/frameworks).
  adapter: z.enum(FRAMEWORK_KINDS).optional(),
  module: nonEmptyString.optional(),
  export: nonEmptyString.optional(),
  /**
   * The provider backend type of a framework agent's model (`type: adapter`): with `model:` its usage
   * is priced, and the calls MassGen makes to the agent's model directly go to it
   * (src/adapters/direct-model.ts).
   */
  provider: nonEmptyString.optional(),
};

/**
 * A backend block. Output: `type` is always set (inferred from `model` when absent) and `model` is
 * filled with the catalog default when the config gives none.
 */
export const backendSchema = z
  .strictObject(backendShape)
  .superRefine((backend, ctx) => checkBackend(backend, ctx), always)
  .transform(normaliseBackend);
