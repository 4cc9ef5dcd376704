import { runIdOf, usePath } from './router.js';
import { Link } from './views/link.js';
import { RunPage } from './views/run-page.js';
import { StartPage } from './views/start-page.js';

export function App() {
  const path = usePath();
  const runId = runIdOf(path);
  return (
    <div className="app">
      <header className="app-header">
        <Link to="/" className="brand">
          MassGen
        </Link>
      </header>
      <main>{runId === undefined ? <StartPage /> : <RunPage key={runId} runId={runId} />}</main>
    </div>
  );
}
