/**
 * The risk an MCP tool's annotations give (MCP spec, ToolAnnotations): `readOnlyHint` (default
 * false), `destructiveHint` (default true, meaningful when not read-only), `idempotentHint` (default
 * false) and `openWorldHint` (default true). The spec says never to base decisions on the hints of an
 * untrusted server, so only a server marked `trusted: true` in the config may lower a risk with them;
 * a hint that RAISES the risk (an explicit `destructiveHint: true`, `openWorldHint: true`) counts from
 * any server, since a server gains nothing by overstating it.
 */
import type { ToolAnnotations } from '../../tools/types.js';
import type { ToolRisk } from '../../types/safety.js';

/** The risk from the annotations of a trusted server's tool. */
export function trustedAnnotationRisk(annotations: ToolAnnotations, server: string): ToolRisk {
  const from = `from trusted server "${server}"`;
  const openWorld = annotations.openWorldHint ?? true;
  if (annotations.readOnlyHint === true) {
    return { level: 'read-only', openWorld, source: 'mcp-annotations', reason: `readOnlyHint ${from}` };
  }
  if (annotations.destructiveHint ?? true) {
    const given =
      annotations.destructiveHint === undefined ? 'destructiveHint (true by default)' : 'destructiveHint';
    return { level: 'irreversible', openWorld, source: 'mcp-annotations', reason: `${given} ${from}` };
  }
  // Additive only: undone by deleting what it added, unless it added it outside the machine.
  if (openWorld) {
    return {
      level: 'irreversible',
      openWorld,
      source: 'mcp-annotations',
      reason: `additive (destructiveHint false) but open-world ${from}: what it sends cannot be taken back`,
    };
  }
  return {
    level: 'reversible',
    openWorld,
    source: 'mcp-annotations',
    reason: `additive and closed-world (destructiveHint false, openWorldHint false) ${from}`,
  };
}

/** The risk an untrusted server's own hints admit (only hints that raise the risk), if any. */
export function admittedRisk(annotations: ToolAnnotations | undefined, server: string): ToolRisk | undefined {
  if (annotations?.destructiveHint !== true || annotations.readOnlyHint === true) return undefined;
  return {
    level: 'irreversible',
    openWorld: annotations.openWorldHint ?? true,
    source: 'mcp-annotations',
    reason: `destructiveHint from server "${server}" (not trusted, but a hint that raises the risk counts)`,
  };
}
