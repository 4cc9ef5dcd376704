/** What a run takes and what it gives back (see `runConfig` and `streamRun`). */
import type { LanguageModelV3, TranscriptionModelV3 } from '@ai-sdk/provider';
import type { ToolSet } from 'ai';
import type { EventListener } from '../events/channel.js';
import type { ExecutionMetadata } from '../events/execution-metadata.js';
import type { AttachmentInput } from '../media/config-attachments.js';
import type { VideoSampling } from '../media/types.js';
import type { RetryPolicy } from '../providers/retry.js';
import type { ElicitationHandler } from '../tools/mcp/elicitation.js';
import type { AuthorizationUrlHandler } from '../tools/mcp/oauth-browser.js';
import type { HistoryMessage } from '../types/history.js';
import type { RunResult } from '../types/run-result.js';
import type { ApprovalPort } from '../types/safety.js';
import type { UsageTotals } from './outcome-tally.js';
import type { ModelWrapper } from './runtimes.js';

export interface RunOptions {
  question: string;
  /** Earlier exchanges of a multi-turn session. */
  history?: HistoryMessage[];
  /**
   * The working directory of the run: the log folder (`<cwd>/.massgen/massgen_logs`), agent
   * workspaces, the memory database and tool paths of a config without a file resolve against it.
   * Default `process.cwd()`.
   */
  cwd?: string;
  /** Where keys come from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Aborting it interrupts the run. */
  signal?: AbortSignal;
  /** Folder of the log folders (`log_<ts>/`); default `<cwd>/.massgen/massgen_logs`. `false`: no logs. */
  logRoot?: string | false;
  /** Written to `execution_metadata.yaml`. */
  metadata?: ExecutionMetadata;
  /** Called for every event, in order. */
  onEvent?: EventListener;
  /**
   * Where the turn's log folder goes; default a fresh `<logRoot>/log_<ts>/turn_1/`. With `runDir`, an
   * existing run folder (e.g. a session's, created if missing): the run logs to the first
   * `<runDir>/turn_<K>/` (K ≥ `turn`) that no other run has taken, and its run id is the folder's name. With `turn` alone: a fresh run folder with `turn_<turn>/`.
   */
  logDir?: { runDir?: string; turn?: number };
  /** Called once the log folder exists, before the first request. */
  onLogDir?: (turnDir: string) => void;
  /** Overrides the retry policy of provider calls. */
  retry?: RetryPolicy;
  /** Session the run belongs to, for memory scoping; default `session_id` of the config, else the run id. */
  sessionId?: string;
  /** The config file: custom tool paths resolve against its folder; default `metadata.config_path`. */
  configPath?: string;
  /**
   * Models by agent id, used instead of what the agent's backend would build (no key needed): bring
   * your own provider, or a scripted model from `massgen/testing`.
   */
  models?: Readonly<Record<string, LanguageModelV3>>;
  /**
   * Wraps every agent's model (built from its backend or given in `models`) under the retries: e.g.
   * a response cache or a per-provider request limit (see `massgen eval`).
   */
  wrapModel?: ModelWrapper;
  /**
   * Adapters by agent id: an external agent runs those agents' turns (see `AgentAdapter`), whatever
   * their backend `type` (it still names them in displays and prices their usage).
   */
  adapters?: Readonly<Record<string, import('../types/agent-adapter.js').AgentAdapter>>;
  /** Extra tools by agent id (AI SDK tool sets with `execute`), run like the config's custom tools. */
  tools?: Readonly<Record<string, ToolSet>>;
  /**
   * Answers MCP servers' elicitation requests (a form for the user, e.g. the terminal UI's prompt).
   * Without it every request is declined at once. Both sides are events (`elicitation-request`,
   * `elicitation-response`).
   */
  onElicitation?: ElicitationHandler;
  /** Shows the user an MCP server's OAuth authorization URL; default: printed on stderr and opened in the browser. */
  onAuthorizationUrl?: AuthorizationUrlHandler;
  /**
   * Home folder: MCP OAuth tokens are kept in `<home>/.massgen/mcp-auth/`, the user's audit ledger in
   * `<home>/.massgen/audit/`, the user's policy file is `<home>/.massgen/policy.yaml`; default
   * `os.homedir()`.
   */
  homeDir?: string;
  /**
   * `false`: no audit ledgers (neither the turn's `audit.jsonl` nor the user's ledger). Default: every
   * tool call is recorded.
   */
  audit?: false;
  /**
   * Decides the tool calls the safety policy asks about (the terminal UI's prompt, the approval
   * folder, a program). Without it no human is asked: each agent's `permissions.automation_default`
   * decides (default `deny-all`). Both sides are events (`approval-request`, `approval-decision`).
   */
  onApproval?: ApprovalPort;
  /**
   * The approval folder of every agent (instead of each agent's `permissions.approval_dir`; relative
   * to `cwd`): each `ask` is written to `<dir>/req_<id>.json` and decided by `<dir>/resp_<id>.json`
   * (see README, Approvals); it answers before `onApproval`, and no agent's tool may write in it.
   * Created when missing; one that cannot be written is a ConfigError before the run starts.
   */
  approvalDir?: string;
  /**
   * Files for every agent (images, PDF, .docx, .xlsx, .csv, .pptx, audio, video, text; relative to
   * `cwd`, or http(s) URLs fetched before any agent starts; `{ path, pagesAsImages: true }` adds a
   * PDF's page images), besides each agent's `upload_files`. Each is read and converted once, then given to each
   * agent in the form its backend takes (an `attachment` event per agent and file says which). A file
   * that cannot be used is a ConfigError before the run starts.
   */
  attachments?: readonly AttachmentInput[];
  /**
   * Transcribes attached audio for agents whose backend cannot listen to it (else they get a note);
   * beats `orchestrator.media_input.transcription_model`.
   */
  transcriptionModel?: TranscriptionModelV3;
  /**
   * How frames are sampled from attached video for backends without video input (needs ffmpeg);
   * beats `orchestrator.media_input.extraction_mode` / `max_frames`.
   */
  video?: Partial<VideoSampling>;
}

/** How a run ended, with everything a caller may want to report or compare. */
export interface RunOutcome extends RunResult {
  /**
   * The winner: set once it was chosen, also when the run was interrupted or timed out during the
   * presentation or the post-evaluation.
   */
  winner?: string;
  /** Tokens and cost (USD, from the bundled price table) of the whole run and of each agent. */
  usage: { total: UsageTotals; agents: Record<string, UsageTotals> };
  /** Valid votes per agent voted for, as they stood when the winner was chosen (or at the end). */
  votes: Record<string, number>;
  /** The turn's log folder, when logging is on. */
  logDir?: string;
  /** The run folder holding it (`log_<ts>`), when logging is on. */
  runDir?: string;
  runId: string;
  /** Set when some log files could not be written (the run itself is unaffected). */
  logError?: string;
  /** Memory failures, e.g. a corrupted or locked memory database (the run itself is unaffected). */
  memoryErrors?: string[];
}
