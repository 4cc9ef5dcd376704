/** The wire API of a backend type, for the choice of media forms. */
import { BACKENDS, type WireApi } from '../providers/catalog.js';

/** The wire API of a backend type; an unknown type (an external agent) is taken as Chat Completions. */
export function wireApiOf(backendType: string): WireApi {
  return (BACKENDS as Record<string, { api: WireApi } | undefined>)[backendType]?.api ?? 'chat';
}
