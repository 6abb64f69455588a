import type { Detector, Finding, SecretType } from '../types';

/**
 * secretlint's recommended preset, run synchronously on strings.
 *
 * `@secretlint/core`'s `lintSource` is async only because a rule *may* be async; every rule of the preset
 * we use scans `source.content` synchronously and reports through `context.report`. So we instantiate the
 * rules once through the rule contract secretlint's own core uses (`rule.create(context, options)` →
 * `{ file(source) }`) and call `file` per string. A test checks that this yields exactly what `lintSource`
 * reports on the same text.
 */

/** The slice of secretlint's rule contract we drive (structural; the package's own types are ESM-only). */
interface RuleMessage {
  message: string;
  messageId: string;
  data?: Record<string, unknown>;
}
interface ReportDescriptor {
  message: RuleMessage;
  range: readonly [number, number];
}
type Translator = (messageId: string, data?: Record<string, unknown>) => RuleMessage;
type LocalizedMessages = Record<string, ((data?: Record<string, unknown>) => string) | Record<string, (data?: Record<string, unknown>) => string>>;
interface RuleContext {
  sharedOptions: Record<string, unknown>;
  createTranslator(messages: LocalizedMessages): Translator;
  report(descriptor: ReportDescriptor): void;
  ignore(descriptor: unknown): void;
}
interface SourceCode {
  content: string;
  hasBOM: boolean;
  filePath: undefined;
  physicalFilePath: undefined;
  ext: string;
  contentType: 'text';
  getFilePath(): undefined;
  getPhysicalFilePath(): undefined;
}
interface Rule {
  meta: { id: string; type: string; supportedContentTypes?: string[] };
  create(context: RuleContext, options: Record<string, unknown>): { file?(source: SourceCode): unknown };
}
interface Preset {
  meta: { id: string };
  create(context: { sharedOptions: Record<string, unknown>; registerRule(rule: Rule): void }, options: unknown): void;
}

/** A raw report: which rule, which message, the range secretlint gave and the data it attached. */
export interface SecretlintReport {
  ruleId: string;
  messageId: string;
  range: [number, number];
  data: Record<string, unknown>;
}

/**
 * Rules we leave out: `filter-comments` would let a transcript switch its own redaction off with a
 * `secretlint-disable` comment; `gcp` judges whole files by their extension (`.p12`, `.json`), not text.
 */
export const SKIPPED_RULES = ['@secretlint/secretlint-rule-filter-comments', '@secretlint/secretlint-rule-gcp'];

const TYPE_BY_MESSAGE: Record<string, SecretType> = {
  AWSSecretAccessKey: 'aws-secret-key',
  AWSAccessKeyID: 'aws-access-key',
  NPM_ACCESS_TOKEN: 'npm-token',
  Npmrc_authToken: 'npm-token',
  PackageJSON_xOauthToken: 'github-token',
  SLACK_TOKEN: 'slack-token',
  IncomingWebhook: 'slack-webhook',
  BasicAuth: 'url-credentials',
  OPENAI_TOKEN: 'openai-key',
  ANTHROPIC_API_KEY: 'anthropic-key',
  LINEAR_API_TOKEN: 'linear-key',
  PrivateKey: 'private-key',
  SENDGRID_KEY: 'sendgrid-key',
  SHOPIFY_KEY: 'shopify-token',
  GITHUB_TOKEN: 'github-token',
  OPS_TOKEN: '1password-token',
  MongoDBConnection: 'url-credentials',
  MySQLConnection: 'url-credentials',
  PostgreSQLConnection: 'url-credentials',
};

/** The data field that holds the secret itself, per secretlint's message conventions. */
const SECRET_DATA_KEYS = ['KEY', 'TOKEN', 'ID', 'URL', 'URI', 'CREDENTIAL'];

class SyncPresetRunner {
  private readonly handlers: Array<{ id: string; file: (source: SourceCode) => unknown }> = [];
  private sink: SecretlintReport[] = [];
  /** Reports only count while a run is under way: a rule that answered late would report on another string. */
  private running = false;

  constructor(preset: Preset) {
    const registerRule = (rule: Rule) => {
      if (SKIPPED_RULES.includes(rule.meta.id) || !supportsText(rule)) return;
      const handler = rule.create(this.contextFor(rule.meta.id), {});
      if (handler.file) this.handlers.push({ id: rule.meta.id, file: handler.file.bind(handler) });
    };
    preset.create({ sharedOptions: {}, registerRule }, {});
  }

  run(content: string): SecretlintReport[] {
    this.sink = [];
    this.running = true;
    try {
      const source = makeSource(content);
      for (const h of this.handlers) h.file(source);
    } finally {
      this.running = false;
    }
    return this.sink;
  }

  private contextFor(ruleId: string): RuleContext {
    return {
      sharedOptions: {},
      // the rule's message text would repeat the secret; we keep only the id and the data
      createTranslator: () => (messageId, data) => ({ message: messageId, messageId, data: data ?? {} }),
      report: ({ message, range }) => {
        if (this.running) this.sink.push({ ruleId, messageId: message.messageId, range: [range[0], range[1]], data: message.data ?? {} });
      },
      ignore: () => undefined,
    };
  }
}

function supportsText(rule: Rule): boolean {
  const types = rule.meta.supportedContentTypes ?? ['all'];
  return types.includes('text') || types.includes('all');
}

function makeSource(content: string): SourceCode {
  return {
    content,
    hasBOM: false,
    filePath: undefined,
    physicalFilePath: undefined,
    ext: '',
    contentType: 'text',
    getFilePath: () => undefined,
    getPhysicalFilePath: () => undefined,
  };
}

let runner: SyncPresetRunner | undefined;

function presetRunner(): SyncPresetRunner {
  // Loaded on first use: the package is ESM-only, which our CommonJS bundles and tsx both load through require.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  runner ??= new SyncPresetRunner((require('@secretlint/secretlint-rule-preset-recommend') as { creator: Preset }).creator);
  return runner;
}

/** What secretlint's rules report on `text`, as they report it. */
export function secretlintReports(text: string): SecretlintReport[] {
  return presetRunner().run(text);
}

export const findWithSecretlint: Detector = (text: string, out: Finding[]) => {
  for (const report of secretlintReports(text)) {
    const span = secretSpan(text, report);
    out.push({ type: TYPE_BY_MESSAGE[report.messageId] ?? 'secret', ...span });
  }
};

/**
 * Narrows a report to the secret. Some rules report the whole match's start with the secret's length (the
 * AWS secret key, `x-oauth-basic` URLs), and connection-string rules report the whole URL: the secret is the
 * one in the message data, and in a URL only the userinfo.
 */
function secretSpan(text: string, report: SecretlintReport): { start: number; end: number } {
  let [start, end] = report.range;
  const secret = SECRET_DATA_KEYS.map((k) => report.data[k]).find((v): v is string => typeof v === 'string' && v.length > 0);
  if (secret && text.slice(start, end) !== secret) {
    const at = text.indexOf(secret, start);
    if (at >= 0 && at <= end + 1024) [start, end] = [at, at + secret.length];
  }
  if (TYPE_BY_MESSAGE[report.messageId] === 'url-credentials') return userinfoOf(text, start, end);
  return { start, end };
}

function userinfoOf(text: string, start: number, end: number): { start: number; end: number } {
  const url = text.slice(start, end);
  const scheme = url.indexOf('://');
  const at = url.indexOf('@', scheme + 3);
  if (scheme < 0 || at < 0) return { start, end };
  return { start: start + scheme + 3, end: start + at };
}
