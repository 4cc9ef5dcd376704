/**
 * Configs over the HTTP API: the configs the server offers, validation with the very errors of
 * `massgen --validate`, and the errors a bad run request gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listExamples } from '../../src/config/examples.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { runCli, writeFile } from '../support/cli.js';
import { api, startTestServer, writeAgentsConfig } from '../support/web.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const BAD =
  'agents:\n  - id: a\n    backend:\n      type: chatcompletion\n      modle: gpt-x\n      model: m\n';

describe('configs over the HTTP API', () => {
  it('GET /api/configs lists the served configs by file name, then every packaged example', async () => {
    const server = await startTestServer();
    try {
      const file = writeAgentsConfig(fake, server.home, ['a'], 'team.yaml');
      const served = await startTestServer({ cwd: server.home, configs: [file] });
      try {
        const { body } = await api(served, '/api/configs');
        const examples = listExamples().map((f) => ({
          name: `@examples/${f.replace(/\.(ya?ml|json)$/, '')}`,
          example: true,
        }));
        expect(examples.length).toBeGreaterThan(0);
        expect(body.configs).toEqual([{ name: 'team', path: file, example: false }, ...examples]);
      } finally {
        await served.close();
      }
    } finally {
      await server.close();
    }
  });

  it('POST /api/configs/validate gives the errors of massgen --validate, for a file, YAML text and an object', async () => {
    const server = await startTestServer();
    try {
      const file = writeFile(server.home, 'bad.yaml', BAD);
      const cli = await runCli(['--validate', file, '--json'], { cwd: server.home });
      const expected = JSON.parse(cli.stdout).errors.map((e: { path: string; message: string }) => ({
        path: e.path,
        message: e.message,
      }));
      expect(expected).toHaveLength(1);
      const fromFile = await api(server, '/api/configs/validate', { body: { configPath: file } });
      expect(fromFile.body.ok).toBe(false);
      expect(
        fromFile.body.errors.map((e: { path: string; message: string }) => ({
          path: e.path,
          message: e.message,
        })),
      ).toEqual(expected);
      expect(fromFile.body.errors[0].suggestion).toMatch(/model/);
      const fromYaml = await api(server, '/api/configs/validate', { body: { yaml: BAD } });
      expect(fromYaml.body.errors.map((e: { path: string }) => e.path)).toEqual(
        expected.map((e: { path: string }) => e.path),
      );
      const good = writeAgentsConfig(fake, server.home, ['a']);
      expect((await api(server, '/api/configs/validate', { body: { configPath: good } })).body).toEqual({
        ok: true,
      });
      const object = await api(server, '/api/configs/validate', { body: { config: { agents: 'none' } } });
      expect(object.body.ok).toBe(false);
      expect(object.body.errors[0].path).toBe('agents');
      const two = await api(server, '/api/configs/validate', { body: { yaml: BAD, configPath: file } });
      expect(two.status).toBe(400);
      expect(two.body.error.message).toBe(
        'Give exactly one of config, configPath, yaml in the request body (got configPath and yaml).',
      );
    } finally {
      await server.close();
    }
  });

  it('a run request with a bad config, an unknown example or an unknown session is refused with the problem named', async () => {
    const server = await startTestServer();
    try {
      const invalid = await api(server, '/api/runs', {
        body: { config: { agents: [{ id: 'a', backend: { type: 'nope', model: 'm' } }] }, question: 'q' },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.code).toBe('bad_request');
      expect(invalid.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
        'agents[0].backend.type',
      ]);
      expect(invalid.body.error.message).toMatch(
        /^The config of the request is not valid\. agents\[0\]\.backend\.type: /,
      );

      const example = await api(server, '/api/runs', { body: { example: 'no_such_example', question: 'q' } });
      expect(example.status).toBe(400);
      expect(example.body.error.message).toMatch(
        /^unknown example `@examples\/no_such_example`; available examples: @examples\//,
      );

      const none = await api(server, '/api/runs', { body: { question: 'q' } });
      expect(none.body.error.message).toBe(
        'Give exactly one of config, configPath, example in the request body (none was given).',
      );
      const config = writeAgentsConfig(fake, server.home, ['a']);
      const session = await api(server, '/api/runs', {
        body: { configPath: config, question: 'q', sessionId: 'session_20200101_000000' },
      });
      expect(session.status).toBe(404);
      expect(session.body.error.message).toMatch(/^Unknown session "session_20200101_000000"/);
    } finally {
      await server.close();
    }
  });
});
