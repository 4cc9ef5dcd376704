import { HistoryList } from './history-list.js';
import { StartForm } from './start-form.js';

/** `/`: start a run, or open a past one. */
export function StartPage() {
  return (
    <div className="start-page">
      <StartForm />
      <HistoryList />
    </div>
  );
}
