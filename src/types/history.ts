/** The earlier turns of a multi-turn session, as every later turn is given them. */

/** One earlier exchange of a multi-turn session. */
export interface HistoryMessage {
  role: 'user' | 'assistant';
  content: string;
}
