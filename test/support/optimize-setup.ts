/** Counting and pricing the requests of `massgen optimize` tests against the format oracle. */
import type { Scenario } from '../fake-provider/scenario.js';

/**
 * USD of one reply (100 input, 10 output tokens) per model, from the price table (Azure's
 * gpt-4o-mini is priced as OpenAI's).
 */
export const REPLY_PRICE: Record<string, number> = {
  'gpt-4o-mini': (100 * 0.15 + 10 * 0.6) / 1e6,
  'gpt-4.1-mini': (100 * 0.4 + 10 * 1.6) / 1e6,
  'claude-haiku-4-5': (100 * 1 + 10 * 5) / 1e6,
  'gemini-2.0-flash': (100 * 0.1 + 10 * 0.4) / 1e6,
};

/** Whether a request is one of Ax's (an optimiser call) rather than MassGen's. */
export const isAxRequest = (req: { system: string }) => req.system.includes('<output_fields>');

/** The scenario, counting requests by kind (Ax's optimiser calls, MassGen's) and their cost. */
export function counted(scenario: Scenario) {
  const calls = { ax: 0, massgen: 0, cost: 0 };
  const wrapped: Scenario = (req) => {
    if (isAxRequest(req)) calls.ax++;
    else calls.massgen++;
    const price = REPLY_PRICE[req.model];
    if (price === undefined) throw new Error(`no test price for model ${req.model}`);
    calls.cost += price;
    return scenario(req);
  };
  return { calls, wrapped };
}
