/**
 * `command_line_allowed_commands` / `command_line_blocked_commands` as MassGen reads them: each
 * entry is a regular expression matched at the start of the command (Python's `re.match`); an entry
 * that is not a valid expression is a plain prefix.
 */

/** The command lists of a backend. */
export interface CommandLists {
  allowed?: readonly string[];
  blocked?: readonly string[];
}

function matches(pattern: string, command: string): boolean {
  if (command.startsWith(pattern)) return true;
  try {
    return new RegExp(`^(?:${pattern})`).test(command);
  } catch {
    return false;
  }
}

/** Why a command is refused, or undefined when it may run. Blocked entries win over allowed ones. */
export function commandRefusal(command: string, lists: CommandLists): string | undefined {
  const trimmed = command.trim();
  const blocked = lists.blocked?.find((p) => matches(p, trimmed));
  if (blocked !== undefined) {
    return `the command matches the blocked pattern ${JSON.stringify(blocked)} (command_line_blocked_commands)`;
  }
  if (lists.allowed && lists.allowed.length > 0 && !lists.allowed.some((p) => matches(p, trimmed))) {
    return `the command matches none of command_line_allowed_commands (${lists.allowed.map((p) => JSON.stringify(p)).join(', ')})`;
  }
  return undefined;
}
