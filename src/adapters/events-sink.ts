/** The {@link AdapterEvents} of one turn: each report becomes the matching event of the run. */
import type { EventInput, StreamPhase } from '../events/types.js';
import type { AdapterEvents } from '../types/agent-adapter.js';

/** Events of an adapter agent's turn in `phase`; `onText` hears every text piece too. */
export function adapterEvents(
  agentId: string,
  phase: StreamPhase,
  emit: (event: EventInput) => void,
  onText?: (text: string) => void,
): AdapterEvents {
  return {
    text(text) {
      if (text === '') return;
      onText?.(text);
      if (phase === 'presentation') emit({ type: 'final-delta', agentId, text });
      else emit({ type: 'text-delta', agentId, text, phase });
    },
    reasoning(text) {
      if (text !== '') emit({ type: 'reasoning-delta', agentId, text, phase });
    },
    toolCall(call) {
      emit({ type: 'tool-call', agentId, ...call });
    },
    toolResult(result) {
      emit({ type: 'tool-result', agentId, ...result });
    },
    usage(usage) {
      emit({ type: 'usage', agentId, usage, phase });
    },
    warning(message) {
      emit({ type: 'notice', level: 'warning', agentId, message });
    },
  };
}
