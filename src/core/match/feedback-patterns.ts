/**
 * Phrases people type right after an agent got something wrong, per language. Each is a regular expression
 * over the lower-cased message with the confidence that a match really is feedback on the agent's last move.
 * Phrases anchored at the start of the message ("no, …") are surer than the same words mid-sentence.
 */

export type FeedbackKind = 'undo' | 'rejection' | 'retry' | 'correction' | 'repetition';
export type FeedbackLanguage = 'en' | 'zh' | 'ja' | 'ru' | 'es' | 'de' | 'fr' | 'pt';

export interface FeedbackPattern {
  kind: FeedbackKind;
  language: FeedbackLanguage;
  confidence: number;
  re: RegExp;
}

// JavaScript's \b only knows ASCII letters, so "não" or "rückgängig" need boundaries of their own.
const B = String.raw`(?<![\p{L}\p{N}_])`;
const E = String.raw`(?![\p{L}\p{N}_])`;

/** A phrase between Unicode-aware word boundaries. `^` at its start anchors it to the message start. */
function phrase(source: string): RegExp {
  const anchored = source.startsWith('^');
  const body = anchored ? source.slice(1) : source;
  return new RegExp(`${anchored ? String.raw`^\s*` : B}(?:${body})${E}`, 'u');
}

/** A phrase in a language written without spaces: no word boundaries to look for. */
function cjk(source: string): RegExp {
  return new RegExp(source.startsWith('^') ? String.raw`^\s*(?:${source.slice(1)})` : source, 'u');
}

type Row = [FeedbackKind, number, string];

function table(language: FeedbackLanguage, rows: Row[], build: (s: string) => RegExp = phrase): FeedbackPattern[] {
  return rows.map(([kind, confidence, source]) => ({ kind, language, confidence, re: build(source) }));
}

const EN = table('en', [
  ['undo', 0.9, String.raw`(?:undo|revert|roll ?back|back out) (?:that|this|it|all of (?:that|it)|the (?:last )?changes?|your (?:last )?changes?|what you (?:just )?did|everything)`],
  ['undo', 0.9, String.raw`^(?:undo|revert)(?: it| that| please)?[.!]*$`],
  ['undo', 0.85, String.raw`(?:change|put|set) it back|put (?:it|that) back the way it was|restore (?:the|it to the) (?:old|previous|original)(?: version| state)?`],
  ['undo', 0.75, String.raw`go back to (?:the (?:old|previous|original)|how it was|what (?:it|we) had)`],
  ['rejection', 0.85, String.raw`^(?:no|nope|nah)(?:\s*[,.!]|\s*$)`],
  ['rejection', 0.85, String.raw`^(?:wrong|incorrect)`],
  ['rejection', 0.85, String.raw`that'?s (?:not (?:right|it|correct|what i (?:asked|wanted|meant))|wrong|incorrect)|that is (?:not (?:right|correct|what i (?:asked|wanted|meant))|wrong|incorrect)`],
  ['rejection', 0.85, String.raw`not what i (?:asked|wanted|meant)`],
  ['rejection', 0.8, String.raw`(?:it|this|that) (?:is|was) (?:wrong|incorrect|broken)`],
  ['rejection', 0.8, String.raw`(?:still )?(?:doesn'?t|does not|didn'?t|did not|won'?t|isn'?t) work(?:ing)?`],
  ['rejection', 0.8, String.raw`still (?:fails|failing|broken|crash(?:es|ing)?|(?:getting|get|seeing|see|has|have) the same (?:error|problem|issue))`],
  ['rejection', 0.75, String.raw`(?:bad|terrible|useless|broken) (?:answer|response|output|result|fix|change)`],
  ['rejection', 0.7, String.raw`(?:don'?t|do not|stop) (?:do(?:ing)?|us(?:e|ing)|touch(?:ing)?|chang(?:e|ing)|delet(?:e|ing)|add(?:ing)?|remov(?:e|ing)) (?:that|this|it|those|these)`],
  ['retry', 0.7, String.raw`try (?:a different|another|some other) (?:approach|way|method|solution|tack|strategy)`],
  ['retry', 0.7, String.raw`(?:start|do it|begin) (?:over|again from scratch|from scratch)`],
  ['retry', 0.7, String.raw`(?:that|this|it) (?:didn'?t|did not) (?:help|fix (?:it|anything|the (?:problem|issue|bug)))`],
  ['retry', 0.65, String.raw`there (?:must|has to) be a (?:better|simpler|different) way|(?:different|another|alternative) (?:approach|way|method|solution)`],
  ['correction', 0.75, String.raw`i (?:said|meant|asked for|told you)|as i (?:said|asked)|like i said|for the (?:second|third|last) time`],
  ['correction', 0.7, String.raw`you (?:forgot|missed|broke|ignored|skipped|didn'?t (?:read|follow|do|change|update))`],
  ['correction', 0.6, String.raw`^actually[, ]`],
  ['correction', 0.6, String.raw`instead`],
]);

const ZH = table(
  'zh',
  [
    ['undo', 0.85, String.raw`撤销|撤回|回滚|还原(?:一下|回去|刚才|之前|这个|修改|改动)?|恢复(?:原样|原来的|到之前)|改回(?:去|来)`],
    ['rejection', 0.85, String.raw`^(?:不对|不是的?[，,。！!]|错了|不正确|不行|不是这样)`],
    ['rejection', 0.85, String.raw`不是我(?:要的|想要的|说的|问的)`],
    ['rejection', 0.8, String.raw`(?:还是|依然|仍然|又)(?:不行|不对|报错|失败|有问题|不工作|出错)`],
    ['rejection', 0.75, String.raw`(?:这|这样|这个)(?:是)?(?:不对|错的|错误的)|没(?:有)?用|不起作用|没(?:有)?生效|不生效`],
    ['retry', 0.7, String.raw`(?:换|试试?|用)(?:一种|一个|个)?(?:别的|其他的?|不同的?|另一种)(?:方法|方式|办法|思路)|换(?:一种|一个|个)(?:方法|方式|办法|思路)`],
    ['retry', 0.7, String.raw`重新(?:来|做|开始|写)`],
    ['correction', 0.75, String.raw`我(?:说的?是|的意思是|要的是|刚才说了)`],
    ['correction', 0.7, String.raw`你(?:忘了|漏了|没有按照|没看)`],
  ],
  cjk,
);

const JA = table(
  'ja',
  [
    ['undo', 0.85, String.raw`元に戻して|元に戻す|取り消して|取り消し|リバートして|変更を戻して`],
    ['rejection', 0.85, String.raw`^(?:違う|違います|ちがう|いいえ|だめ|ダメ)`],
    ['rejection', 0.8, String.raw`間違って(?:い)?(?:る|ます)|間違いです|正しくない|そうじゃない`],
    ['rejection', 0.8, String.raw`(?:まだ|相変わらず|依然として)(?:動かない|エラー|失敗|直って(?:い)?ない)`],
    ['rejection', 0.75, String.raw`動かない|うまくいかない|うまく動かない|頼んだのと違う`],
    ['retry', 0.7, String.raw`(?:別の|他の|違う)(?:方法|やり方|アプローチ)(?:で|を)`],
    ['retry', 0.7, String.raw`やり直して|最初からやり直`],
    ['correction', 0.75, String.raw`そうじゃなくて|そうではなく|(?:私|僕|俺)が?(?:言った|頼んだ|お願いした)のは`],
    ['correction', 0.7, String.raw`忘れて(?:い)?る|抜けて(?:い)?る`],
  ],
  cjk,
);

const RU = table('ru', [
  ['undo', 0.85, String.raw`(?:отмени|откати|верни|отменить|откатить|вернуть)(?: это| всё| все| изменения| как было| обратно| назад)?`],
  ['rejection', 0.85, String.raw`^(?:нет|неа)(?:\s*[,.!]|\s*$)`],
  ['rejection', 0.85, String.raw`неправильно|неверно|это не то|не то,? что я (?:просил|хотел|имел в виду)`],
  ['rejection', 0.8, String.raw`(?:всё ещё|все еще|по-прежнему|опять) (?:не работает|ошибка|падает|сломано)|не работает`],
  ['retry', 0.7, String.raw`(?:попробуй|давай) (?:другой|иной|по-другому|другим способом|иначе)`],
  ['retry', 0.7, String.raw`начни (?:заново|сначала)`],
  ['retry', 0.65, String.raw`(?:другой|иной) (?:подход|способ|вариант)`],
  ['correction', 0.75, String.raw`я (?:же )?(?:сказал|говорил|имел в виду|просил)`],
  ['correction', 0.7, String.raw`ты (?:забыл|пропустил|сломал|проигнорировал)`],
  ['correction', 0.55, String.raw`вместо`],
]);

const ES = table('es', [
  ['undo', 0.85, String.raw`deshaz|deshacer|deshaga|revierte|revertir|revierta|vuelve a como estaba|vuelve atrás|regresa al estado anterior`],
  ['rejection', 0.85, String.raw`(?:eso|esto) (?:está|es) (?:mal|incorrecto|equivocado)|no es (?:eso|lo que (?:pedí|quería|dije))`],
  ['rejection', 0.8, String.raw`está mal|incorrecto|(?:sigue|todavía|aún) (?:sin funcionar|fallando|no funciona|dando (?:el mismo )?error)`],
  ['rejection', 0.75, String.raw`no funciona`],
  ['retry', 0.7, String.raw`(?:prueba|intenta|probemos|intentemos) (?:otro|otra|de otra) (?:enfoque|forma|manera|método)|empieza de nuevo|vuelve a empezar`],
  ['retry', 0.65, String.raw`(?:otro|otra|diferente) (?:enfoque|forma|manera|método|solución)`],
  ['correction', 0.75, String.raw`te dije|quise decir|me refería a|lo que pedí`],
  ['correction', 0.7, String.raw`(?:te )?olvidaste`],
  ['correction', 0.55, String.raw`en (?:lugar|vez) de`],
]);

const PT = table('pt', [
  ['undo', 0.85, String.raw`desfaça|desfaz|desfazer|reverta|reverter|volte (?:como estava|atrás|ao que era)`],
  ['rejection', 0.85, String.raw`^não(?:\s*[,.!]|\s*$)`],
  ['rejection', 0.85, String.raw`(?:isso|isto) (?:está|é) (?:errado|incorreto)|não é (?:isso|o que eu (?:pedi|queria))`],
  ['rejection', 0.8, String.raw`está errado|(?:ainda|continua) (?:não funciona|dando erro|falhando|quebrado)`],
  ['rejection', 0.75, String.raw`não funciona`],
  ['retry', 0.7, String.raw`(?:tente|tenta|vamos tentar) (?:outra|outro|de outra) (?:abordagem|forma|maneira|jeito|método)|comece de novo`],
  ['retry', 0.65, String.raw`(?:outra|outro|diferente) (?:abordagem|forma|maneira|jeito|método|solução)`],
  ['correction', 0.75, String.raw`eu disse|eu quis dizer|eu pedi`],
  ['correction', 0.7, String.raw`(?:você|vc) esqueceu`],
  ['correction', 0.55, String.raw`em vez de`],
]);

const DE = table('de', [
  ['undo', 0.9, String.raw`(?:mach|mache|machen sie) (?:das|es|die (?:letzte )?änderung(?:en)?|alles) rückgängig|rückgängig machen`],
  ['undo', 0.8, String.raw`(?:setz|setze) (?:es|das) zurück|(?:stell|stelle) den (?:alten|ursprünglichen|vorherigen) zustand wieder her`],
  ['rejection', 0.85, String.raw`^(?:nein|nö)(?:\s*[,.!]|\s*$)`],
  ['rejection', 0.85, String.raw`^falsch`],
  ['rejection', 0.85, String.raw`(?:das|es) ist (?:falsch|nicht richtig|nicht korrekt|verkehrt)|nicht (?:das|was) ich (?:wollte|meinte|gefragt habe)`],
  ['rejection', 0.8, String.raw`(?:funktioniert|klappt|geht) (?:immer noch |noch immer |weiterhin |noch )?nicht`],
  ['retry', 0.7, String.raw`(?:versuch|versuche|probier|probiere) (?:es )?(?:einen anderen|eine andere|anders)|fang (?:noch ?mal|neu) an`],
  ['retry', 0.65, String.raw`(?:einen anderen|eine andere) (?:ansatz|weg|methode|lösung)`],
  ['correction', 0.75, String.raw`ich (?:habe|hab) (?:doch |dir )?(?:gesagt|gebeten)|ich meinte`],
  ['correction', 0.7, String.raw`du hast (?:\p{L}+ )?(?:vergessen|übersehen|ignoriert)`],
  ['correction', 0.55, String.raw`(?:an)?statt`],
]);

const FR = table('fr', [
  ['undo', 0.85, String.raw`(?:annule|annuler|annulez|défais|défaire|reviens|revenir|revenez) (?:ça|cela|ce changement|les (?:modifications|changements)|en arrière|à la version précédente)`],
  ['rejection', 0.85, String.raw`^(?:non|nan)(?:\s*[,.!]|\s*$)`],
  ['rejection', 0.85, String.raw`(?:c'est|c’est) (?:faux|pas (?:ça|bon|correct|juste|ce que (?:je voulais|j'ai demandé|j’ai demandé)))|ce n['’]est pas (?:ça|correct|ce que je voulais)`],
  ['rejection', 0.8, String.raw`(?:ça|cela) ne (?:marche|fonctionne) (?:toujours )?pas|(?:toujours|encore) (?:la même erreur|cassé|en échec)`],
  ['retry', 0.7, String.raw`(?:essaie|essaye|essayez|essayons) (?:une autre|un autre|autrement|une approche différente)|recommence(?:z)?(?: à zéro| depuis le début)?`],
  ['retry', 0.65, String.raw`une autre (?:approche|méthode|façon|manière|solution)|une (?:approche|méthode|façon|manière|solution) différente`],
  ['correction', 0.75, String.raw`j['’]ai dit|je voulais dire|ce que j['’]ai demandé`],
  ['correction', 0.7, String.raw`(?:tu as|vous avez) oublié`],
  ['correction', 0.55, String.raw`au lieu de`],
]);

/** Every pattern, English first: when two match with the same confidence, the earlier one wins. */
export const FEEDBACK_PATTERNS: readonly FeedbackPattern[] = [...EN, ...ZH, ...JA, ...RU, ...ES, ...PT, ...DE, ...FR];

export const FEEDBACK_LANGUAGES: readonly FeedbackLanguage[] = ['en', 'zh', 'ja', 'ru', 'es', 'de', 'fr', 'pt'];
