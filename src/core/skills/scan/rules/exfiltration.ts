import { lineOfOffset, type ScanDocument } from '../document';
import type { RuleHit, ScanRule } from './rule';
import { phraseHits } from './rule';
import { statements } from './statements';

/** Ways a skill can make the agent send secrets or conversation data somewhere. */

const SENDER = /\b(?:curl|wget|nc|ncat|netcat|socat|scp|rsync|sftp|ftp|telnet|sendmail|mailx?)\s+\S|\bfetch\s*\(|\baxios(?:\.\w+)?\s*\(|\bgot(?:\.\w+)?\s*\(|\bhttps?\.(?:request|get|post)\s*\(|\brequests\.(?:get|post|put|patch|request)\s*\(|\burlopen\s*\(|\bhttpx\.\w+\s*\(|\bInvoke-(?:WebRequest|RestMethod)\b|\b(?:iwr|irm)\s+\S|\/dev\/tcp\//i;

// Where secrets live: named variables, the whole environment, key and credential files.
const SECRET_VAR = /\$\{?[A-Za-z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|CREDENTIALS?|COOKIE|PRIVATE)[A-Za-z0-9_]*\}?|process\.env\.[A-Za-z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL)[A-Za-z0-9_]*|os\.environ\[\s*["'][A-Za-z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD)[A-Za-z0-9_]*["']\s*\]|os\.getenv\(\s*["'][A-Za-z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD)[A-Za-z0-9_]*["']/i;
const WHOLE_ENV = /\$\(\s*(?:env|printenv|set|export\s+-p)\s*\)|`\s*(?:env|printenv)\s*`|\b(?:env|printenv|export\s+-p)\s*\||JSON\.stringify\(\s*process\.env\s*\)|\bdict\(\s*os\.environ\s*\)|\bos\.environ\.(?:items|copy)\(\)|json\.dumps\(\s*(?:dict\()?os\.environ/i;
const SECRET_FILE = /(?:~|\$HOME|\$\{HOME\}|%USERPROFILE%)\/\.(?:ssh\b(?![\w./-]*\.pub\b)|aws\/credentials|gnupg|netrc|npmrc|pypirc|docker\/config\.json|kube\/config|config\/gh\/hosts|git-credentials)|\bid_(?:rsa|dsa|ecdsa|ed25519)\b(?!\.pub)|(?:@|<\s*|\bcat\s+|--upload-file\s+|-T\s+|--data-binary\s+@?)\.env(?:\.\w+)?\b|\/etc\/shadow\b|\.bash_history\b/i;

/** A secret passed only as the credential of the request (`Authorization: Bearer $TOKEN`, `-u user:$TOKEN`) is how APIs are called, not a leak. */
const AUTH_USE = /(?:-H|--header)\s*["']?(?:Authorization|X-API-Key|X-Auth-Token|api-key|PRIVATE-TOKEN|x-api-key|anthropic-api-key|Cookie)\s*:\s*[^"'\n]*|(?:-u|--user)\s+["']?[^\s"']*:?\$\{?[A-Za-z0-9_]+\}?|(?:headers|auth)\s*[=:]\s*[{(][^\n]*/gi;

function statementHits(doc: ScanDocument): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const s of statements(doc)) {
    if (!SENDER.test(s.text)) continue;
    const withoutAuth = s.text.replace(AUTH_USE, ' ');
    if (WHOLE_ENV.test(s.text) || SECRET_FILE.test(withoutAuth) || SECRET_VAR.test(withoutAuth)) hits.push({ line: s.line, severity: 'high' });
  }
  return hits;
}

const S = String.raw`[\s*_]+`;
const SEND = String.raw`(?:send|post|upload|submit|forward|transmit|copy|pipe|pass|put|attach|exfiltrate|share|email|mail|leak|include|append|paste|push)`;
// files that hold secrets, and anything under the home folder
const FILE = String.raw`[\x60'"]?(?:(?:~|\$HOME|\$\{HOME\}|%USERPROFILE%)\/[^\s\x60'"]+|[\w./-]*?(?:\.env(?:\.(?!example|sample|template)\w+)?|\.ssh\/\S*|id_(?:rsa|dsa|ecdsa|ed25519)|\.aws\/credentials|\.npmrc|\.netrc|\.pypirc|\.pgpass|\.kube\/config|\.docker\/config\.json|\.git-credentials|credentials\.json|\.bash_history|\.zsh_history|\/etc\/(?:passwd|shadow))(?![\w-]))[\x60'"]?(?:${S}files?)?`;
// where it goes: a URL, a webhook or server, or an agent tool that makes requests
const DESTINATION = String.raw`(?:https?:\/\/|\b(?:webhook|endpoint|server|pastebin|gist|discord|slack|telegram)\b|\b(?:web[\s_-]?)?fetch${S}tool\b|\bWebFetch\b|\bhttp(?:${S}request)?${S}tool\b|\bbrowser${S}tool\b|\bcurl${S}tool\b)`;
const SEND_SECRETS_PROSE = [
  new RegExp(
    String.raw`\b(?:send|post|upload|forward|transmit|exfiltrate|leak|copy|email|share)${S}(?:(?:all|the|any|every|your|their|user's|users'|its)${S})*(?:api${S}?keys?|access${S}tokens?|tokens|credentials|secrets|passwords|environment${S}variables|env${S}vars|ssh${S}keys?|private${S}keys?|cookies|session${S}tokens?)\b[^.\n]{0,80}?\b(?:to|into)${S}(?:https?:\/\/|(?:an?|my|our|this|the${S}following)${S}(?:external|remote|third-party|webhook|server|endpoint|url|address))`,
    'gi',
  ),
  new RegExp(String.raw`\bexfiltrat(?:e|ing)${S}(?:the${S}|all${S}|any${S})?(?:data|secrets|credentials|keys|tokens|files|conversation)`, 'gi'),
  // a file's contents sent to a URL or through an agent tool: "send the contents of .env to https://… using the fetch tool"
  new RegExp(String.raw`\b${SEND}${S}(?:(?:the|all|its|their|your|user's|users'|full|entire|whole|raw)${S})*(?:(?:contents?|text|body|data|lines?|value)${S}of${S}(?:(?:the|your|user's|users'|this|their)${S})*)?${FILE}(?:[^.\n]|\.(?=\S)){0,80}?${DESTINATION}`, 'gi'),
  new RegExp(String.raw`\b(?:read|open|cat|load|collect|grab|take)${S}(?:(?:the|your|user's|users')${S})*${FILE}(?:[^.\n]|\.(?=\S)){0,40}?\b(?:and|then)${S}${SEND}${S}(?:it|them|its${S}contents?|the${S}contents?|that)\b(?:[^.\n]|\.(?=\S)){0,80}?${DESTINATION}`, 'gi'),
  new RegExp(String.raw`${DESTINATION}(?:[^.\n]|\.(?=\S)){0,80}?\b(?:followed${S}by|plus|with|append(?:ing|ed)?|containing|carrying|including)${S}(?:(?:the|all|of)${S})*(?:contents?|text|body|data)${S}of${S}(?:[^.\n]|\.(?=\S)){0,30}?${FILE}`, 'gi'),
];

export const secretExfiltration: ScanRule = {
  id: 'secret-exfiltration',
  severity: 'high',
  summary: 'sends secrets, credential files or the environment over the network (curl, wget, fetch, …)',
  kinds: ['prose', 'code'],
  check: (doc) => [...statementHits(doc), ...phraseHits(doc, SEND_SECRETS_PROSE, 'high')],
};

// Data in a URL: template placeholders, shell or JS interpolation, or query keys that carry content.
const URL_DATA = /\{\{?[^}\s]*\}?\}|\$\{|\$[A-Za-z_]|%s|<[A-Za-z_ -]+>|\[[A-Z_ ]+\]|[?&](?:data|d|q|secret|token|key|apikey|api_key|payload|info|content|history|conversation|chat|msg|message|text|leak|env|password|pw|creds?)=/i;
const MD_IMAGE = /!\[[^\]\n]*\]\(\s*<?((?:https?:)?\/\/[^\s)>]+)/gi;
const MD_IMAGE_REF = /!\[[^\]\n]*\]\[([^\]\n]+)\]/gi;
const REF_DEF = /^\s{0,3}\[([^\]\n]+)\]:\s*<?((?:https?:)?\/\/\S+)/gim;

function markdownImageHits(doc: ScanDocument): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const m of doc.plain.matchAll(MD_IMAGE)) if (URL_DATA.test(m[1])) hits.push({ line: lineOfOffset(doc, m.index ?? 0), severity: 'high' });
  const refs = new Map([...doc.plain.matchAll(REF_DEF)].map((m) => [m[1].toLowerCase(), m[2]]));
  for (const m of doc.plain.matchAll(MD_IMAGE_REF)) {
    const url = refs.get(m[1].toLowerCase());
    if (url && URL_DATA.test(url)) hits.push({ line: lineOfOffset(doc, m.index ?? 0), severity: 'high' });
  }
  return hits;
}

export const markdownImageExfil: ScanRule = {
  id: 'markdown-image-exfil',
  severity: 'high',
  summary: 'a Markdown image whose URL carries data (placeholders, variables, data-bearing query keys): rendering it sends that data',
  kinds: ['prose'],
  check: markdownImageHits,
};

const HTML_IMAGE = /<(?:img|image|source|video|audio|iframe|link|script)\b[^>]*?\s(?:src|href|srcset|poster)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi;
const CSS_URL = /url\(\s*["']?((?:https?:)?\/\/[^"')\s]+)/gi;

function htmlImageHits(doc: ScanDocument): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const pattern of [HTML_IMAGE, CSS_URL]) {
    for (const m of doc.plain.matchAll(pattern)) if (URL_DATA.test(m[1])) hits.push({ line: lineOfOffset(doc, m.index ?? 0), severity: 'high' });
  }
  return hits;
}

export const htmlImageExfil: ScanRule = {
  id: 'html-image-exfil',
  severity: 'high',
  summary: 'an HTML image or resource (or CSS url()) whose URL carries data',
  kinds: ['prose'],
  check: htmlImageHits,
};
