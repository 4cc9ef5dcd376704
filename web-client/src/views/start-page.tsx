import { HistoryList } from './history-list.js';
import { StartForm } from './start-form.js';
import { WaitingApprovals } from './waiting-approvals.js';

/** `/`: the tool calls waiting for approval, start a run, or open a past one. */
export function StartPage() {
  return (
    <>
      <WaitingApprovals />
      <div className="start-page">
        <StartForm />
        <HistoryList />
      </div>
    </>
  );
}
