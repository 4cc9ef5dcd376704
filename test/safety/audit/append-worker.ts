/**
 * A process appending to the user's ledger, for the concurrency test: prints `ready`, waits for a
 * line on stdin, then appends `count` records one after another (each as its own batch) and closes.
 * Arguments: the home folder, the writer's name, the count.
 */
import { createInterface } from 'node:readline';
import { createRedactor } from '../../../src/events/redaction.js';
import { createRunAudit } from '../../../src/safety/audit/run-audit.js';
import { auditRecord } from './records.js';

const [homeDir, name, count] = process.argv.slice(2);
const audit = createRunAudit({
  homeDir: homeDir!,
  redactor: createRedactor({ env: {} }),
  runId: `run_${name}`,
  now: () => new Date('2026-05-02T10:00:00.000Z'),
});
const input = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await new Promise<void>((go) => input.once('line', () => go()));
input.close();
for (let n = 1; n <= Number(count); n++) {
  audit.append(auditRecord(n, { agentId: name! }));
  await new Promise((done) => setImmediate(done));
}
await audit.close();
