/** Runs the orchestrator over scripted agents and collects its events. */
import { runCoordination } from '../../src/coordination/orchestrator.js';
import { EventChannel } from '../../src/events/channel.js';
import type { CoordinationEvent, EventOf } from '../../src/events/types.js';
import type { AgentRuntime } from '../../src/types/agent-runtime.js';
import type { OrchestratorOptions } from '../../src/types/orchestrator-options.js';

export function setup(agents: AgentRuntime[], overrides: Partial<OrchestratorOptions> = {}) {
  const channel = new EventChannel('log_test');
  const events: CoordinationEvent[] = [];
  channel.subscribe((e) => events.push(e));
  const options: OrchestratorOptions = {
    agents,
    question: 'What is 2+2?',
    rules: { novelty: 'lenient', maxAnswersPerAgent: null, maxFailures: 3 },
    prompt: { votingSensitivity: 'lenient', answerNovelty: 'lenient' },
    runTimeoutMs: 10_000,
    agentTimeoutMs: 5_000,
    retryBaseMs: 5,
    channel,
    ...overrides,
  };
  const of = <T extends CoordinationEvent['type']>(type: T) =>
    events.filter((e): e is EventOf<T> => e.type === type);
  return { options, events, of, run: () => runCoordination(options) };
}
