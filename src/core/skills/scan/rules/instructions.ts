import type { ScanRule } from './rule';
import { phraseHits, quotedExampleSeverity } from './rule';

/** Text that tries to replace the instructions the agent already has. */

const QUOTED = quotedExampleSeverity('high', 'medium');
const S = String.raw`[\s*_>"'“”‘’]+`; // words may be split by line breaks, quotes or emphasis markers
const TARGET = String.raw`(?:instructions?|prompts?|rules|directions|directives|guidelines|guidance)`;
const EARLIER = String.raw`(?:previous|prior|above|earlier|preceding|original|foregoing|initial)`;

const OVERRIDE_EN: RegExp[] = [
  new RegExp(String.raw`\b(?:ignore|disregard|forget|override|bypass|abandon)${S}(?:(?:all|any|the|your|every|of|these|those|my)${S})*${EARLIER}${S}${TARGET}`, 'gi'),
  new RegExp(String.raw`\b(?:ignore|disregard|forget)${S}(?:(?:all|any|the|your|every|of)${S})*(?:system|developer)${S}(?:prompts?|instructions|messages?)`, 'gi'),
  new RegExp(String.raw`\bforget${S}(?:everything|all)${S}(?:you|that|above|before|else|previously)`, 'gi'),
  new RegExp(String.raw`\b(?:new|updated|real|actual|true)${S}(?:system${S})?instructions?(?:${S})?:`, 'gi'),
  new RegExp(String.raw`\byour${S}(?:new|real|true|actual|only)${S}(?:instructions|task|goal|purpose|objective|directive)s?${S}(?:is|are)\b`, 'gi'),
  new RegExp(String.raw`\bdo${S}not${S}(?:follow|obey)${S}(?:the|your|any)${S}${EARLIER}\b`, 'gi'),
  new RegExp(String.raw`\b(?:these|the${S}following)${S}instructions${S}(?:override|supersede|replace|take${S}precedence${S}over)\b`, 'gi'),
  // "disregard everything above", "ignore what came before", "forget what you were told earlier": the earlier
  // word must end the phrase ("ignore everything before the --- line" is about parsing, not about the agent)
  new RegExp(String.raw`\b(?:ignore|disregard|forget|discard|drop|dismiss|set${S}aside|pay${S}no${S}(?:attention|heed)${S}to|never${S}mind)${S}(?:(?:all|any|the|of|everything|anything|what(?:ever)?|that|which|you|you've|you${S}have|were|was|have|has|been|said|told|written|given|stated|received|read|seen|so|far)${S}){1,5}(?:above|before|earlier|previously|prior|so${S}far|until${S}now|up${S}to${S}(?:now|here)|came${S}before|preceded${S}(?:this|it))(?=\s*(?:[.,;:!)—–-]|$|and\b|then\b|but\b|from${S}now|here\b|in${S}this|—))`, 'gim'),
  new RegExp(String.raw`\b(?:ignore|disregard|forget|discard|dismiss|pay${S}no${S}(?:attention|heed)${S}to)${S}(?:(?:all|any|the|every|of|your|these|those|my)${S})*${EARLIER}${S}(?:messages?|context|conversation|turns?|text|content|input|system${S}text)\b`, 'gi'),
  new RegExp(String.raw`\b(?:everything|all|anything|whatever)${S}(?:(?:written|said|stated|given)${S})?(?:above|before|prior|earlier)${S}(?:(?:this|the|that)${S}(?:line|point|message|section|file)${S})?(?:is|are|was|has${S}been)${S}(?:now${S})?(?:obsolete|void|invalid|cancell?ed|superseded|revoked|irrelevant|null|no${S}longer${S}(?:valid|applies|apply|relevant|in${S}force))\b`, 'gi'),
  new RegExp(String.raw`\b(?:the|all|your)${S}${EARLIER}${S}${TARGET}${S}(?:is|are|were|have${S}been)${S}(?:now${S})?(?:obsolete|void|invalid|cancell?ed|superseded|revoked|no${S}longer${S}(?:valid|apply|in${S}force))\b`, 'gi'),
];

const OTHER_VERBS = String.raw`ignor\p{L}*|oubli\p{L}*|olvid\p{L}*|esque[cç]\p{L}*|dimentic\p{L}*|vergiss\p{L}*|vergesst|vergessen\p{L}*|negeer\p{L}*|vergeet|zignoruj\p{L}*|zapomnij\p{L}*|ne\s+tenez\s+pas\s+compte\s+d\p{L}*|no\s+hagas\s+caso\s+a`;
const OTHER_TARGETS = String.raw`instru\p{L}*|istruzion\p{L}*|anweisung\p{L}*|consign\p{L}*|regr\p{L}*|regl\p{L}*|règl\p{L}*|regel\p{L}*|indica\p{L}*|direttiv\p{L}*|directiv\p{L}*|instrukcj\p{L}*|polece\p{L}*|vorgab\p{L}*|alles|tout|todo|tudo|tutto|wszystko`;
const OTHER_EARLIER = String.raw`anterior\p{L}*|pr[ée]c[ée]dent\p{L}*|preceden\p{L}*|vorherig\p{L}*|bisherig\p{L}*|obig\p{L}*|vorher|davor|zuvor|previ\p{L}*|acima|arriba|sopra|ci-dessus|plus\s+haut|poprzedni\p{L}*|wcześniejsz\p{L}*|eerder\p{L}*|vorige`;

// The same move in the other languages the project reads (feedback detection covers them too).
const OVERRIDE_OTHER: RegExp[] = [
  /\bignor(?:a|e|ez|ar|ieren?|iere)\s+(?:(?:todas|todos|as|las|los|les|toutes|tous|alle|die|as|os)\s+)*(?:(?:instru[cç](?:ciones|ões|tions)|anweisungen|consignes|regras|reglas|règles|regeln)\s+)?(?:anteriores|pr[ée]c[ée]dentes|vorherigen|bisherigen|previas|acima|ci-dessus|obigen)/giu,
  /(?:игнорируй|игнорируйте|забудь|забудьте|проигнорируй)\s+(?:все\s+)?(?:предыдущие|прежние|вышеуказанные|прошлые)\s+(?:инструкции|указания|правила)/giu,
  /(?:忽略|无视|忘记|忽视)(?:之前|以上|上面|先前|前面|所有)(?:的)?(?:所有)?(?:指令|指示|说明|规则|提示)/gu,
  /(?:以前|前|上記|これまで)の(?:すべての)?(?:指示|命令|ルール|指令)を(?:すべて)?(?:無視|忘れ)/gu,
  // French, Spanish, Portuguese, Italian, German, Dutch, Polish: a verb of ignoring or forgetting, an
  // instruction word (or "everything") and an "earlier" word, in either order
  new RegExp(
    String.raw`(?<![\p{L}])(?:${OTHER_VERBS})(?:\s+[\p{L}'’]+){0,4}?\s+(?:${OTHER_TARGETS})(?:\s+[\p{L}'’]+){0,2}?\s+(?:${OTHER_EARLIER})|(?<![\p{L}])(?:${OTHER_VERBS})(?:\s+[\p{L}'’]+){0,3}?\s+(?:${OTHER_EARLIER})\s+(?:${OTHER_TARGETS})`,
    'giu',
  ),
  /(?:이전|앞|위|지금까지)(?:의)?\s*(?:모든\s*)?(?:지시|지침|명령|규칙|안내|내용)(?:사항)?(?:을|를|은|는)?\s*(?:모두\s*)?(?:무시|잊)/gu,
  /(?:игнорируй|игнорируйте|забудь|забудьте|не\s+обращай(?:те)?\s+внимания\s+на)\s+(?:всё|все)\s+(?:что\s+было\s+)?(?:выше|ранее|до\s+этого|сказанное\s+(?:выше|ранее))/giu,
  /(?:忽略|无视|忘记|忽视|忘掉)(?:上面|以上|之前|前面|先前)(?:的)?(?:所有|一切)?(?:内容|一切|消息|对话)/gu,
];

export const instructionOverride: ScanRule = {
  id: 'instruction-override',
  severity: 'high',
  summary: 'tells the agent to ignore or replace the instructions it already has',
  kinds: ['prose', 'code'],
  check: (doc) => [...phraseHits(doc, OVERRIDE_EN, QUOTED), ...phraseHits(doc, OVERRIDE_OTHER, QUOTED, 'plain')],
};

const ROLE: RegExp[] = [
  new RegExp(String.raw`\byou${S}are${S}now${S}(?:in${S})?(?:an?${S})?(?:DAN|developer${S}mode|jailbroken|unrestricted|unfiltered|uncensored|evil|free${S}from|no${S}longer${S}(?:bound|an?${S}AI|restricted|limited))`, 'gi'),
  new RegExp(String.raw`\b(?:developer|god|jailbreak|DAN|unrestricted)${S}mode${S}(?:is${S})?(?:enabled|activated|on|engaged)\b`, 'gi'),
  new RegExp(String.raw`\bpretend${S}(?:that${S})?(?:you${S}are|you're|to${S}be)${S}(?:an?${S})?(?:unrestricted|unfiltered|uncensored|jailbroken|different${S}(?:AI|assistant|model)|evil)`, 'gi'),
  new RegExp(String.raw`\b(?:act|behave|respond)${S}as${S}if${S}you${S}(?:have|had)${S}no${S}(?:restrictions|rules|guidelines|filters|limits|safety)`, 'gi'),
  new RegExp(String.raw`\b(?:without|ignoring|disable|bypass)${S}(?:any${S}|all${S}|your${S})?(?:safety|content|ethical)${S}(?:restrictions|filters|guidelines|policies|rules)\b`, 'gi'),
  /\bDo Anything Now\b/g,
];

export const roleOverride: ScanRule = {
  id: 'role-override',
  severity: 'high',
  summary: 'tries to give the agent a new, unrestricted role (jailbreak phrasing)',
  kinds: ['prose', 'code'],
  check: (doc) => phraseHits(doc, ROLE, QUOTED),
};

const LEAK: RegExp[] = [
  new RegExp(String.raw`\b(?:reveal|print|show|output|repeat|leak|disclose|dump|echo)${S}(?:me${S})?(?:your|the)${S}(?:full${S}|entire${S}|hidden${S}|original${S})?(?:system${S}prompt|initial${S}instructions|hidden${S}instructions|system${S}message|instructions${S}above)`, 'gi'),
  new RegExp(String.raw`\bwhat${S}(?:is|are)${S}your${S}(?:system${S}prompt|hidden${S}instructions)`, 'gi'),
];

export const promptLeak: ScanRule = {
  id: 'prompt-leak',
  severity: 'medium',
  summary: 'asks the agent to reveal its system prompt or hidden instructions',
  kinds: ['prose'],
  check: (doc) => phraseHits(doc, LEAK, 'medium'),
};

const CONCEAL: RegExp[] = [
  new RegExp(String.raw`\b(?:do${S}not|don't|never)${S}(?:tell|inform|mention(?:${S}this)?${S}to|reveal${S}(?:this${S})?to|let${S}on${S}to|notify|alert|warn)${S}the${S}user\b`, 'gi'),
  new RegExp(String.raw`\bwithout${S}(?:(?:telling|informing|notifying|alerting)${S}the${S}user|the${S}user${S}(?:knowing|noticing))\b`, 'gi'),
  new RegExp(String.raw`\b(?:hide|conceal|keep)${S}(?:this|it|these${S}steps|the${S}(?:request|upload|command))${S}(?:hidden${S})?from${S}the${S}user\b`, 'gi'),
  new RegExp(String.raw`\b(?:secretly|covertly|quietly|silently)${S}(?:send|upload|post|transmit|forward|copy|exfiltrate|run|execute|install|delete|add)\b`, 'gi'),
];

export const concealment: ScanRule = {
  id: 'concealment',
  severity: 'medium',
  summary: 'tells the agent to act without the user knowing',
  kinds: ['prose'],
  check: (doc) => phraseHits(doc, CONCEAL, 'medium'),
};

/** The phrase groups, for rules that look inside other constructs (HTML comments). */
export const OVERRIDE_PATTERNS = [...OVERRIDE_EN, ...ROLE];
export const CONCEAL_PATTERNS = CONCEAL;
