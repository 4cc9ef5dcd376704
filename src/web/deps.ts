/** What the routes of the server share. */
import type { Redactor } from '../events/redaction.js';
import type { ApprovalBroker } from './approvals.js';
import type { ConfigPlaces, ServedConfig } from './configs.js';
import type { RunHistory } from './history.js';
import type { RunRegistry } from './run-registry.js';

export interface ServerDeps {
  registry: RunRegistry;
  history: RunHistory;
  approvals: ApprovalBroker;
  /** Where configs and runs resolve: the server's working directory, home and environment. */
  places: ConfigPlaces;
  /** The configs the server was started with, then the packaged examples. */
  configs: ServedConfig[];
  /** Hides the environment's keys (and the configs') in every reply. */
  redactor: Redactor;
}
