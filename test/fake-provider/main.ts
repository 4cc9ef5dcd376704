/**
 * Standalone fake provider:
 *   npx tsx test/fake-provider/main.ts [--port N] [--latency MS] [--host H]
 * Answers with `consensus({latencyMs})`, prints `FAKE_PROVIDER_URL: <url>` and runs until
 * SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { consensus } from './scenario.js';
import { createFakeProvider } from './server.js';

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`--${name} expects a non-negative integer, got '${value}'`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, latency: { type: 'string' }, host: { type: 'string' } },
  });
  const latencyMs = numberOption(values.latency, 'latency');
  const port = numberOption(values.port, 'port');
  const provider = await createFakeProvider({
    scenario: consensus(latencyMs === undefined ? {} : { latencyMs }),
    ...(port === undefined ? {} : { port }),
    ...(values.host === undefined ? {} : { host: values.host }),
  });
  process.stdout.write(`FAKE_PROVIDER_URL: ${provider.url}\n`);
  const stop = () => {
    provider.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
