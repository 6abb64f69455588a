import { PLACEHOLDER_PREFIX } from '../placeholder';

/** Words people write where a secret would go; not secrets themselves. */
const STAND_IN_WORDS =
  /^(?:null|none|nil|undefined|true|false|empty|string|str|secret|password|passwd|token|apikey|api_key|key|redacted|placeholder|example|dummy|sample|changeme|todo|tbd|n\/a|pass|pwd|user|username)$/i;

/**
 * True for values that stand for a secret rather than being one: too short, a variable or template
 * reference, a mask, or a stand-in like `<your-api-key>`.
 */
export function isStandInValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return true;
  if (v.startsWith(PLACEHOLDER_PREFIX)) return true;
  if (STAND_IN_WORDS.test(v)) return true;
  if (/^[[(<]?(?:redacted|hidden|masked|removed|omitted|secret)[\])>]?$/i.test(v)) return true;
  // $VAR, ${VAR}, ${{ secrets.X }}, {{ var }}, %VAR%, <your-key>, $(cmd)
  if (/^\$\{?\{?\s*[\w.\s-]*\}?\}?$/.test(v) || /^\$\(.*\)$/.test(v)) return true;
  if (/^\{\{.*\}\}$/.test(v) || /^%\w+%$/.test(v) || /^<[^<>]*>$/.test(v)) return true;
  // masks: ****, xxxx, ••••, ....
  if (/^[*xX•.\-_#]+$/.test(v)) return true;
  if (/^(?:your|my)[-_ ]?.*(?:key|token|secret|password|here)/i.test(v) || /[-_]your[-_]/i.test(v)) return true;
  // `phc_xxxxx`: a prefix and a mask; `#{helper.token}`, `%{token}`: a template filling it in
  if (/(?:^|[-_])x{3,}$/i.test(v) || /^[#%]\{.*\}$/.test(v)) return true;
  if (/^(?:disabled|enabled|unset|none)$/i.test(v)) return true;
  // `test_key`, `phc_test_key`, `fake-token`: named for what they stand in for
  if (/(?:^|[-_])(?:test|example|dummy|sample|fake)[-_]?(?:key|token|secret|password)$/i.test(v)) return true;
  if (/^(?:process\.env|os\.environ|os\.getenv|env::var|System\.getenv|import\.meta\.env|secrets?\.)/i.test(v)) return true;
  return false;
}

/** `config.apiKey`, `getToken()`, `req.headers[...]`: code that computes a secret, not a secret. */
export function isCodeReference(value: string): boolean {
  return /^[A-Za-z_$][\w$]*(?:(?:\.[A-Za-z_$][\w$]*)+|\s*[([])/.test(value.trim());
}

/**
 * True when an unlabelled value looks machine-generated: long and mixing letters with digits, or long,
 * mixed-case and not shaped like a word or identifier. Ordinary words ("settings") and identifiers
 * (`azureTokenProvider`, `RealtimeSessionClientSecret`) never pass.
 */
export function looksGenerated(value: string): boolean {
  if (!TOKEN_ALPHABET.test(value) || isCodeReference(value)) return false;
  if (value.length >= 8 && /[A-Za-z]/.test(value) && /\d/.test(value)) return true;
  return value.length >= 20 && /[a-z]/.test(value) && /[A-Z]/.test(value) && !IDENTIFIER_WORDS.test(value);
}

const TOKEN_ALPHABET = /^[A-Za-z0-9\-._~+/=!@#$%^&*|]+$/;

/** A word or a few joined by separators (`cookie-parser`, `mysql_native`): a name, not a token. */
export function isWordLike(value: string): boolean {
  return IDENTIFIER_WORDS.test(value) || /^[a-z]+(?:[-_.][a-z]+)*$/.test(value);
}

/** camelCase, PascalCase, snake_case words: identifiers people type, not tokens machines generate. */
const IDENTIFIER_WORDS = /^_*[A-Za-z][a-z]*(?:[_-][A-Za-z][a-z]*|[A-Z][a-z]+|[A-Z]{2,}(?=[A-Z][a-z]|[_-]|$))*_*$/;

/**
 * A value that describes a secret rather than being one (`password_min_length: 12`, `token_type: bearer`,
 * `api_key_env: OPENAI_API_KEY`, `token_file: /run/secrets/x`). `wordsAreMetadata` is false where a plain
 * word is as likely a weak password as a setting: a `.env` or command-line assignment.
 */
export function isMetadataValue(value: string, wordsAreMetadata: boolean): boolean {
  const v = value.trim();
  if (isStandInValue(v)) return true;
  if (/^\d{1,6}$/.test(v) || /^\d+(?:\.\d+)?(?:ms|s|m|h|d|kb|mb|gb)?$/i.test(v)) return true;
  if (/^(?:true|false|yes|no|on|off)$/i.test(v)) return true;
  // the name of another variable, a path or a URL (credentials in a URL have their own detector)
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v)) return true;
  // code: `&checkpoint.TokenUsage`, `config.auth.token`, `getToken()`
  if (isCodeReference(v.replace(/^[&*]/, ''))) return true;
  if (/^(?:\/|\.{1,2}\/|~\/)[\w./-]*$/.test(v) || /^[a-z][a-z0-9+.-]*:\/\/[^\s@]*$/i.test(v)) return true;
  return wordsAreMetadata && isWordLike(v);
}

/**
 * The value of a name that is a key only if the value says so (`STREAM_KEY`, not `primary_key: id`): one
 * generated token, long unless the name is an environment variable's (`AZURE_STORAGE_KEY=…` means a key).
 */
export function isGeneratedKey(value: string, envName: boolean): boolean {
  return (envName || value.length >= 16) && !/\s/.test(value) && looksGenerated(value) && !isMetadataValue(value, true);
}

/** `AZURE_STORAGE_KEY`: the spelling of environment variables. */
export function isEnvName(name: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(name);
}
