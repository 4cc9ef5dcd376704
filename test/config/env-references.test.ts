import { describe, expect, it } from 'vitest';
import { checkEnvReferences, unsetReferences } from '../../src/config/env-references.js';
import {
  isSecretKey,
  isSecretPath,
  isSecretVariable,
  referencedVariables,
} from '../../src/config/secret-settings.js';
import { ConfigError } from '../../src/errors.js';

describe('secret names', () => {
  it('recognises keys named like secrets, and not token counts', () => {
    const secret = ['api_key', 'apiKey', 'x-api-key', 'X-Goog-Api-Key', 'Authorization', 'access_token'];
    const more = ['authToken', 'client_secret', 'password', 'private_key', 'Cookie', 'credentials'];
    for (const name of [...secret, ...more]) expect(isSecretKey(name), name).toBe(true);
    for (const name of ['max_tokens', 'maxTokens', 'inputTokens', 'tokens', 'key', 'model', 'base_url'])
      expect(isSecretKey(name), name).toBe(false);
  });

  it('recognises variables named like keys', () => {
    for (const name of ['OPENAI_API_KEY', 'MY_KEY', 'GITHUB_TOKEN', 'CLIENT_SECRET', 'DB_PASSWORD'])
      expect(isSecretVariable(name), name).toBe(true);
    for (const name of ['PATH', 'HOME', 'TOKENIZERS_PARALLELISM', 'KEYBOARD', 'LOG_LEVEL'])
      expect(isSecretVariable(name), name).toBe(false);
  });

  it('knows the key paths whose values messages must not repeat', () => {
    expect(isSecretPath(['agents', 0, 'backend', 'api_key'])).toBe(true);
    expect(isSecretPath(['agents', 0, 'backend', 'mcp_servers', 0, 'headers', 'X-Trace'])).toBe(true);
    expect(isSecretPath(['agents', 0, 'backend', 'mcp_servers', 0, 'env', 'GITHUB_TOKEN'])).toBe(true);
    expect(isSecretPath(['agents', 0, 'backend', 'mcp_servers', 0, 'env', 'LOG_LEVEL'])).toBe(false);
    expect(isSecretPath(['agents', 0, 'backend', 'base_url'])).toBe(false);
  });

  it('lists ${VAR} references, not $${VAR} literals', () => {
    expect(referencedVariables('Bearer ${A} ${B_2} $${C} ${A}')).toEqual(['A', 'B_2', 'A']);
  });
});

describe('unset references', () => {
  const raw = {
    agents: [
      {
        backend: {
          type: 'openai',
          api_key: '${K1}',
          mcp_servers: {
            web: { url: 'http://x', headers: { Authorization: 'Bearer ${T1}' } },
            files: { command: 'npx', args: ['${NOT_A_SECRET_SETTING}'], env: { LEVEL: '${LVL}' } },
          },
          custom_tools: [{ name: 't', command: ['x'], env: { TOOL_TOKEN: '${T2}' } }],
        },
      },
      {
        id: 'team',
        group_chat: {
          agents: [
            { id: 'm1', backend: { type: 'claude', api_key: '${K2}' } },
            { id: 'm2', backend: { type: 'claude', api_key: 'literal $${K3}' } },
          ],
        },
      },
    ],
    memory: { persistent_memory: { llm: { provider: 'openai', api_key: '${K4}' } } },
  };

  it('finds every unset or empty variable of a secret setting or env entry, with its path and agent', () => {
    expect(unsetReferences(raw, { LVL: '', T2: 'set' })).toEqual([
      { path: 'agents[0].backend.api_key', variable: 'K1', agentId: 'agent1' },
      { path: 'agents[0].backend.mcp_servers.web.headers.Authorization', variable: 'T1', agentId: 'agent1' },
      { path: 'agents[0].backend.mcp_servers.files.env.LEVEL', variable: 'LVL', agentId: 'agent1' },
      { path: 'agents[1].group_chat.agents[0].backend.api_key', variable: 'K2', agentId: 'm1' },
      { path: 'memory.persistent_memory.llm.api_key', variable: 'K4', agentId: undefined },
    ]);
  });

  it('names the single agent of `agent:`', () => {
    expect(unsetReferences({ agent: { backend: { api_key: '${K}' } } }, {})).toEqual([
      { path: 'agent.backend.api_key', variable: 'K', agentId: 'agent1' },
    ]);
  });

  it('throws one ConfigError listing every issue with its fix, and nothing when all are set', () => {
    const env = { K1: 'a', T1: 'b', LVL: 'c', T2: 'd', K2: 'e', K4: 'f' };
    expect(() => checkEnvReferences(raw, '/c.yaml', env)).not.toThrow();
    try {
      checkEnvReferences(raw, '/c.yaml', { ...env, K1: '', K2: undefined });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const config = error as ConfigError;
      expect(config.message).toBe('environment variables not set: K1, K2');
      expect(config.issues).toEqual([
        {
          file: '/c.yaml',
          path: 'agents[0].backend.api_key',
          message: '${K1} is not set or is empty (agent "agent1"); it is never replaced by another variable',
          suggestion: 'set K1 in the environment, in ./.env or in ~/.massgen/.env',
        },
        {
          file: '/c.yaml',
          path: 'agents[1].group_chat.agents[0].backend.api_key',
          message: '${K2} is not set or is empty (agent "m1"); it is never replaced by another variable',
          suggestion: 'set K2 in the environment, in ./.env or in ~/.massgen/.env',
        },
      ]);
    }
  });
});
