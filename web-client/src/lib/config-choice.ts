/**
 * What the start form picked, as the API's config choice: a listed config (example or file), a
 * config file path, or YAML typed into the page (sent as a config object).
 */
import { parse } from 'yaml';
import type { ConfigChoice, ConfigEntry } from '../api/types.js';

export type ConfigPick =
  | { kind: 'listed'; entry: ConfigEntry }
  | { kind: 'path'; path: string }
  | { kind: 'yaml'; text: string };

/** The body of `POST /api/configs/validate` for a pick, or undefined when there is nothing to check. */
export function validateBody(pick: ConfigPick): { configPath?: string; yaml?: string } | undefined {
  switch (pick.kind) {
    case 'listed':
      return { configPath: pick.entry.path ?? pick.entry.name };
    case 'path':
      return pick.path.trim() === '' ? undefined : { configPath: pick.path.trim() };
    case 'yaml':
      return pick.text.trim() === '' ? undefined : { yaml: pick.text };
  }
}

/** The config part of `POST /api/runs` for a pick (YAML parsed here; a syntax error throws). */
export function runChoice(pick: ConfigPick): ConfigChoice {
  switch (pick.kind) {
    case 'listed':
      return pick.entry.example || pick.entry.path === undefined
        ? { example: pick.entry.name }
        : { configPath: pick.entry.path };
    case 'path':
      return { configPath: pick.path.trim() };
    case 'yaml':
      return { config: parse(pick.text) as object };
  }
}
