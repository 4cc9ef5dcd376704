/** `/attach FILE` in interactive mode (piped stdin): the file goes with the next question only. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { oneAgent, requestsOf, sessionScenario } from '../sessions/cli-helpers.js';
import { runCli, tempHome, writeFile } from '../support/cli.js';
import { makePng } from '../support/media-files.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider({ scenario: sessionScenario() });
});
afterAll(() => fake.close());

describe('/attach in interactive mode', () => {
  it('queues files for the next question, lists them, refuses a missing one', async () => {
    const home = tempHome();
    writeFile(home, 'pic.png', makePng() as unknown as string);
    const config = writeFile(home, 'c.yaml', oneAgent(fake));
    const since = fake.requests.length;
    const r = await runCli(['--config', config], {
      cwd: home,
      stdin: '/attach\n/attach nope.png\n/attach pic.png\n/attach\nDescribe the picture\nAnd now?\n',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pic = path.join(home, 'pic.png');
    const said = r.stdout.split('\n');
    expect(said).toContain('No files for the next question. Usage: /attach FILE');
    expect(said).toContain(`No such file: ${path.join(home, 'nope.png')}`);
    expect(said).toContain(`Attached ${pic} to the next question.`);
    expect(said).toContain(`Files for the next question: ${pic}`);
    const first = requestsOf(fake, 'Describe the picture', since);
    const second = requestsOf(fake, 'And now?', since);
    expect(first.map((q) => q.media?.map((m) => m.mediaType))).toEqual(first.map(() => ['image/png']));
    expect(second.map((q) => q.media?.length)).toEqual(second.map(() => 0));
    expect(first.length).toBe(3);
    expect(second.length).toBe(3);
  });

  it('--attach in interactive mode goes with the first question only', async () => {
    const home = tempHome();
    writeFile(home, 'pic.png', makePng() as unknown as string);
    const config = writeFile(home, 'c.yaml', oneAgent(fake));
    const since = fake.requests.length;
    const r = await runCli(['--config', config, '--attach', 'pic.png'], {
      cwd: home,
      stdin: 'First question\nSecond question\n',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const first = requestsOf(fake, 'First question', since);
    const second = requestsOf(fake, 'Second question', since);
    expect(first.map((q) => q.media?.length)).toEqual([1, 1, 1]);
    expect(second.map((q) => q.media?.length)).toEqual([0, 0, 0]);
  });
});
