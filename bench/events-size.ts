/**
 * How `events.jsonl` grows with the number of agents: one consensus run of N agents (answers of
 * about 600 characters, so repeated contexts would show) and the file's size, in all and per agent.
 * A log that grows linearly with the run keeps bytes per agent about constant: the last line
 * compares the largest run's bytes per agent with the smallest's (1.00 is perfectly linear).
 *
 *   node --import tsx bench/events-size.ts [--agents 8,32,128]
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consensus } from '../test/fake-provider/scenario.js';
import { createFakeProvider } from '../test/fake-provider/server.js';
import { agentsConfig, arg, field, runCli } from './support.js';

const sizes = arg('agents', '8,32,128').split(',').map(Number);
const paragraph = 'Event sourcing keeps every change as an immutable event; state is a fold over them. ';
const fake = await createFakeProvider({
  scenario: consensus({ answer: (req) => `${req.model}: ${paragraph.repeat(7)}` }),
});

console.log('events.jsonl size per run (one consensus run each)\n');
console.log(['agents', 'events.jsonl', 'bytes per agent'].join(' | '));
const perAgent: number[] = [];
for (const n of sizes) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-bench-events-'));
  const file = path.join(dir, 'bench.yaml');
  writeFileSync(file, agentsConfig(n, fake.baseUrls.chat));
  const out = await runCli(['--automation', '--config', file, 'What is event sourcing?'], dir);
  const bytes = statSync(path.join(field(out, 'LOG_DIR')!, 'events.jsonl')).size;
  perAgent.push(bytes / n);
  console.log([n, `${(bytes / 1024).toFixed(0)} KiB`, `${(bytes / n / 1024).toFixed(2)} KiB`].join(' | '));
}
await fake.close();
const growth = perAgent[perAgent.length - 1]! / perAgent[0]!;
console.log(
  `\nbytes per agent at ${sizes[sizes.length - 1]} agents / at ${sizes[0]} agents: ${growth.toFixed(2)} ` +
    `(${growth <= 1.1 ? 'linear' : 'grows faster than linear'})`,
);
