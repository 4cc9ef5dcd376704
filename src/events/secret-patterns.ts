/**
 * Secrets recognised by their shape in any text, whatever their value (the values the run knows of
 * are blanked by redaction.ts): credential headers written out (`Authorization: Bearer …`,
 * `"x-api-key": "…"`, `Cookie: …`), settings named like keys (`SERVICE_KEY=…`, `"access_token": "…"`),
 * secret URL query parameters (`?api_key=…`, `&token=…`, `key=…`) and the password of a URL
 * (`https://user:password@host`). Provider error messages, tool results and answers can carry any
 * of them.
 */
import { isSecretKey } from '../config/secret-settings.js';

/** What a hidden value is replaced with. */
const HIDDEN = '***';

/** Header names whose value is a credential (cookies apart). */
const HEADER = '(?:proxy-)?authorization|x-api-key|api-key|x-goog-api-key|x-auth-token|x-access-token';

/** Cookie headers: their value is `name=value` pairs joined by `;`. */
const COOKIE = 'set-cookie|cookie';

/** Names like `SERVICE_KEY`, `github-token`, `client_secret`, `DB_PASSWORD` (a word, then the kind). */
const NAMED = '[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)*[_-](?:key|token|secret|password|passwd)';

/** One unquoted token: no space, quote, separator or closing bracket. */
const TOKEN = '[^\\s"\'`,;&)}\\]]+';

/**
 * A name, maybe quoted, then `:` or `=`; then the value, quoted or not. A name after a `.` is a key
 * path of a message (`agents[0].backend.api_key: expected a string`), not a setting.
 */
function assignment(names: string, unquoted: string): RegExp {
  return new RegExp(
    `((?<![A-Za-z0-9_.-])(["']?)(?:${names})\\2[ \\t]*[:=][ \\t]*)(?:"((?:[^"\\\\\\n]|\\\\.)*)"|'([^'\\n]*)'|(${unquoted}))`,
    'gi',
  );
}

/** A credential header: its token, after the auth scheme if there is one. */
const HEADER_VALUE = assignment(HEADER, `(?:(?:bearer|basic|token|bot|digest|apikey)[ \\t]+)?${TOKEN}`);

/** A cookie header: every `name=value` of it. */
const COOKIE_VALUE = assignment(COOKIE, `${TOKEN}(?:;[ \\t]*${TOKEN})*`);

/** A key-like setting and its value. */
const NAMED_VALUE = assignment(NAMED, TOKEN);

/**
 * Words each assignment pattern needs somewhere in the text: a cheap test that skips the pattern
 * for the bulk of texts (answers, contexts) that hold none of them.
 */
const MAY_HOLD_HEADER = /authorization|api-key|auth-token|access-token/i;
const MAY_HOLD_COOKIE = /cookie/i;
const MAY_HOLD_NAMED = /key|token|secret|passw/i;

/** A query parameter: `?name=value` or `&name=value`. */
const QUERY = /([?&;])([A-Za-z0-9_.-]+)=([^&#\s"'<>]+)/g;

/** Query parameter names that hold secrets besides those {@link isSecretKey} knows. */
const SECRET_PARAMS = new Set(['key', 'sig', 'signature', 'auth', 'pass', 'pwd']);

/** `scheme://user:password@` */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]+):([^\s/@]+)@/gi;

/** Whether a query parameter named `name` holds a secret. */
export function isSecretParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_PARAMS.has(lower) || isSecretKey(name) || /[_-](key|token|secret|signature|sig)$/.test(lower);
}

const SCHEME = /^(bearer|basic|token|bot|digest|apikey)[ \t]+/i;

/**
 * The value part of an assignment match, replaced; quotes and the scheme of an Authorization value
 * (`Bearer ***`) kept. A value that is `${VAR}` names a variable, not its value, and is kept.
 */
function hideAssigned(
  match: string,
  head: string,
  _quote: string,
  doubleQuoted: string | undefined,
  singleQuoted: string | undefined,
  bare: string | undefined,
): string {
  const value = doubleQuoted ?? singleQuoted ?? bare;
  if (value === undefined) return match;
  const scheme = SCHEME.exec(value)?.[0] ?? '';
  const secret = value.slice(scheme.length);
  if (secret === '' || secret === HIDDEN || secret.startsWith('${')) return match;
  const q = doubleQuoted !== undefined ? '"' : singleQuoted !== undefined ? "'" : '';
  return `${head}${q}${scheme}${HIDDEN}${q}`;
}

/** `text` with every secret recognised by its shape replaced by `***`. */
export function hideSecretShapes(text: string): string {
  let out = text;
  if (/[:=]/.test(out)) {
    if (MAY_HOLD_HEADER.test(out)) out = out.replace(HEADER_VALUE, hideAssigned);
    if (MAY_HOLD_COOKIE.test(out)) out = out.replace(COOKIE_VALUE, hideAssigned);
    if (MAY_HOLD_NAMED.test(out)) out = out.replace(NAMED_VALUE, hideAssigned);
  }
  if (out.includes('=')) {
    out = out.replace(QUERY, (match, sep: string, name: string, value: string) =>
      value !== HIDDEN && isSecretParameter(name) ? `${sep}${name}=${HIDDEN}` : match,
    );
  }
  if (out.includes('@')) out = out.replace(USERINFO, (_m, head: string) => `${head}:${HIDDEN}@`);
  return out;
}
