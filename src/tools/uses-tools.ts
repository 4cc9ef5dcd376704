/**
 * Whether a config asks for tools at all. Kept free of imports so that a run without tools never
 * loads the tool system.
 */

/** The backend keys that switch tools on. */
export interface ToolSwitches {
  enable_web_search?: boolean;
  enable_code_execution?: boolean;
  enable_code_interpreter?: boolean;
  mcp_servers?: unknown[];
  custom_tools?: unknown[];
  /** A workspace with file tools (src/workspace). */
  cwd?: string;
  enable_mcp_command_line?: boolean;
  /** Generation tools (src/media/generation-tools.ts). */
  enable_image_generation?: boolean;
  enable_audio_generation?: boolean;
  enable_video_generation?: boolean;
  /** `read_media` and `generate_media` (src/media/). */
  enable_multimodal_tools?: boolean;
  /** The framework of a framework agent (src/adapters/frameworks), which brings tools of its own. */
  adapter?: string;
}

/** Whether a backend block asks for any tool. */
export function backendHasTools(backend: ToolSwitches): boolean {
  return (
    backend.enable_web_search === true ||
    backend.enable_code_execution === true ||
    backend.enable_code_interpreter === true ||
    (backend.mcp_servers?.length ?? 0) > 0 ||
    (backend.custom_tools?.length ?? 0) > 0 ||
    (backend.cwd !== undefined && backend.cwd !== '') ||
    backend.enable_mcp_command_line === true ||
    backend.enable_image_generation === true ||
    backend.enable_audio_generation === true ||
    backend.enable_video_generation === true ||
    backend.enable_multimodal_tools === true ||
    backend.adapter !== undefined
  );
}

/** Whether any agent of a config asks for a tool. */
export function configUsesTools(config: { agents: ReadonlyArray<{ backend: ToolSwitches }> }): boolean {
  return config.agents.some((a) => backendHasTools(a.backend));
}
