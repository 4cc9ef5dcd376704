import { describe, expect, it } from 'vitest';
import { MissingEnvVarError } from '../../src/tools/errors.js';
import { substituteEnv, substituteEnvMap } from '../../src/tools/mcp/env-substitution.js';
import { resolveServer } from '../../src/tools/mcp/server-config.js';

const env = { TOKEN: 'abc', HOME: '/home/u' };

describe('${VAR} substitution in MCP server entries', () => {
  it('replaces variables, keeps $${VAR} literal, and names a missing one', () => {
    expect(substituteEnv('Bearer ${TOKEN}', env, 'x')).toBe('Bearer abc');
    expect(substituteEnv('$${TOKEN} and ${HOME}', env, 'x')).toBe('${TOKEN} and /home/u');
    expect(() => substituteEnv('${NOPE}', env, 'mcp_servers "w" env.KEY')).toThrow(
      new MissingEnvVarError('NOPE', 'mcp_servers "w" env.KEY'),
    );
    expect(substituteEnvMap({ A: '${TOKEN}', N: 3, B: true }, env, 'env')).toEqual({
      A: 'abc',
      N: '3',
      B: 'true',
    });
  });

  it('refuses an empty variable as it refuses an unset one: a header is never sent with an empty key', () => {
    expect(() =>
      substituteEnv('Bearer ${TOKEN}', { TOKEN: '' }, 'mcp_servers "h" headers.Authorization'),
    ).toThrow('environment variable TOKEN (used in mcp_servers "h" headers.Authorization) is empty');
  });

  it('resolves a stdio and an http entry (type inferred, args as strings, cwd from the config folder)', () => {
    expect(
      resolveServer(
        { name: 's', command: 'npx', args: ['-y', 'pkg', 3, '${HOME}'], env: { K: '${TOKEN}' }, cwd: 'sub' },
        env,
        '/cfg',
      ),
    ).toEqual({
      name: 's',
      type: 'stdio',
      command: 'npx',
      args: ['-y', 'pkg', '3', '/home/u'],
      env: { K: 'abc' },
      cwd: '/cfg/sub',
    });
    expect(
      resolveServer(
        { name: 'h', url: 'http://x/${TOKEN}', headers: { Authorization: 'Bearer ${TOKEN}' } },
        env,
        '/',
      ),
    ).toEqual({
      name: 'h',
      type: 'streamable-http',
      url: 'http://x/abc',
      headers: { Authorization: 'Bearer abc' },
    });
  });
});
