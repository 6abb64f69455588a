import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFeedback, FEEDBACK_LANGUAGES, type FeedbackKind, type FeedbackLanguage } from '../../../src/core/match/feedback';

/** Phrases people type after a wrong move, per language, with the kind each must be read as. */
const PHRASES: Record<FeedbackLanguage, [string, FeedbackKind][]> = {
  en: [
    ["no, that's wrong", 'rejection'],
    ['undo that', 'undo'],
    ['revert your last change please', 'undo'],
    ['try a different approach', 'retry'],
    ['that is not what I asked for', 'rejection'],
    ['it still fails with the same error', 'rejection'],
    ['I meant the staging database, not production', 'correction'],
    ['you forgot to update the tests', 'correction'],
  ],
  zh: [
    ['不对，这不是我要的', 'rejection'],
    ['撤销刚才的修改', 'undo'],
    ['换一种方法试试', 'retry'],
    ['还是报错', 'rejection'],
    ['我说的是测试环境', 'correction'],
  ],
  ja: [
    ['違います、そうじゃない', 'rejection'],
    ['元に戻してください', 'undo'],
    ['別の方法でやってみて', 'retry'],
    ['まだ動かない', 'rejection'],
    ['そうじゃなくて、ステージングの方です', 'correction'],
  ],
  ru: [
    ['нет, это неправильно', 'rejection'],
    ['отмени это', 'undo'],
    ['попробуй другой подход', 'retry'],
    ['всё ещё не работает', 'rejection'],
    ['я имел в виду тестовую базу', 'correction'],
  ],
  es: [
    ['eso está mal', 'rejection'],
    ['deshaz el último cambio', 'undo'],
    ['intenta otro enfoque', 'retry'],
    ['sigue sin funcionar', 'rejection'],
    ['quise decir la rama de pruebas', 'correction'],
  ],
  de: [
    ['nein, das ist falsch', 'rejection'],
    ['mach das rückgängig', 'undo'],
    ['versuch einen anderen Ansatz', 'retry'],
    ['funktioniert immer noch nicht', 'rejection'],
    ['ich meinte die Testdatenbank', 'correction'],
  ],
  fr: [
    ["non, c'est faux", 'rejection'],
    ['annule ce changement', 'undo'],
    ['essaie une autre approche', 'retry'],
    ['ça ne marche toujours pas', 'rejection'],
    ['je voulais dire la base de test', 'correction'],
  ],
  pt: [
    ['não, isso está errado', 'rejection'],
    ['desfaça a última alteração', 'undo'],
    ['tente outra abordagem', 'retry'],
    ['ainda não funciona', 'rejection'],
    ['eu quis dizer o ambiente de testes', 'correction'],
  ],
};

for (const language of FEEDBACK_LANGUAGES) {
  test(`feedback phrases in ${language}`, () => {
    assert.ok(PHRASES[language].length >= 5);
    for (const [text, kind] of PHRASES[language]) {
      const signal = detectFeedback(text);
      assert.ok(signal, `no feedback found in ${JSON.stringify(text)}`);
      assert.equal(signal.kind, kind, `${JSON.stringify(text)} read as ${signal.kind} (${signal.phrase})`);
      assert.equal(signal.language, language, `${JSON.stringify(text)} attributed to ${signal.language}`);
      assert.ok(signal.confidence >= 0.55 && signal.confidence <= 1, String(signal.confidence));
    }
  });
}

test('new requests are not feedback, in any of the languages', () => {
  for (const text of [
    'add a migration for the orders table',
    'now write the README',
    'no problem, next: deploy it to staging',
    'notice the new column in the schema',
    '请帮我写一个数据库迁移',
    'READMEを書いてください',
    'добавь миграцию для таблицы заказов',
    'añade una migración para la tabla de pedidos',
    'füge eine Migration für die Bestelltabelle hinzu',
    'ajoute une méthode pour exporter les factures',
    'adicione uma migração para a tabela de pedidos',
  ]) {
    assert.equal(detectFeedback(text), undefined, text);
  }
});

test('a phrase at the start of the message is surer than the same idea mid-sentence', () => {
  assert.ok(detectFeedback('no, use the other bucket')!.confidence > detectFeedback('use the bucket instead')!.confidence);
});

test('a repeated request is feedback, when earlier messages are given', () => {
  const earlier = ['fix the login redirect after the session expires', 'also check the logout button'];
  const again = detectFeedback('fix the login redirect after the session expires please', earlier);
  assert.equal(again?.kind, 'repetition');
  assert.equal(again?.phrase, 'fix the login redirect after the session expires');
  assert.equal(detectFeedback('fix the login redirect after the session expires please'), undefined, 'no history, no repetition');
  assert.equal(detectFeedback('add a logout button to the header', earlier), undefined);
});

test('repetition works for languages written without spaces', () => {
  const signal = detectFeedback('把登录页面的跳转修好', ['把登录页面的跳转修好吧']);
  assert.equal(signal?.kind, 'repetition');
});

test('an explicit phrase outranks a weaker repetition', () => {
  const signal = detectFeedback('undo that change to the login page', ['undo that change to the login page']);
  assert.equal(signal?.kind, 'undo');
});
