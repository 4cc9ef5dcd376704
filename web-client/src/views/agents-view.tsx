import { useState } from 'react';
import type { RunState } from '../state/run-state.js';
import { agentLayout } from '../state/selectors.js';
import { AgentPanel } from './agent-panel.js';
import { AgentTable } from './agent-table.js';

/** Every agent: a column each up to 4, a grid beyond, a compact table from 20 (a click opens one). */
export function AgentsView({ state }: { state: RunState }) {
  const layout = agentLayout(state.order.length);
  const [open, setOpen] = useState<string>();
  const opened = open === undefined ? undefined : state.agents[open];
  return (
    <div className={`agents agents-${layout}`} data-testid="agents" data-layout={layout}>
      {layout === 'table' ? (
        <AgentTable state={state} onOpen={setOpen} />
      ) : (
        state.order.map((id) =>
          layout === 'grid' ? (
            <AgentPanel key={id} agent={state.agents[id]!} compact onOpen={setOpen} />
          ) : (
            <AgentPanel key={id} agent={state.agents[id]!} />
          ),
        )
      )}
      {opened && (
        <div className="drawer" role="dialog" aria-label={`Agent ${opened.id}`} data-testid="agent-drawer">
          <button type="button" className="close" onClick={() => setOpen(undefined)} aria-label="Close">
            ×
          </button>
          <AgentPanel agent={opened} />
        </div>
      )}
    </div>
  );
}
