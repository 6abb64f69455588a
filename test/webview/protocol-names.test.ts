import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSkillText } from '../../src/core/skills/skillmd/validate';
import { EMPTY_BROWSER_STATE, parseHostMessage, parseViewMessage, SkillName } from '../../webview/protocol';

const version = 'a'.repeat(40);
const skill = (name: string) => ({ key: `active/${name}`, group: 'active', name, description: `About ${name}.`, version, updatedAt: '2026-11-01T00:00:00.000Z' });

/** Whether the SKILL.md validator takes `name` (in a folder of that name). */
function validatorAccepts(name: string): boolean {
  return validateSkillText(`---\nname: ${JSON.stringify(name)}\ndescription: Something.\n---\n\nBody.\n`, name, `${name}/SKILL.md`).valid;
}

const NAMES = ['git-bisect', 'café-tips', '部署', 'déploiement-rapide', 'v2', 'ünïcödé-ok', 'Git-Bisect', 'CAFÉ', '-x', 'x-', 'a--b', 'a.b', 'a/b', '../../etc', 'a b', 'a_b', '', 'x'.repeat(64), 'x'.repeat(65), 'é'.repeat(64), 'é'.repeat(65)];

test('the protocol takes exactly the skill names the SKILL.md validator takes, non-ASCII ones included', () => {
  for (const name of NAMES) assert.equal(SkillName.safeParse(name).success, validatorAccepts(name), JSON.stringify(name));
  for (const name of ['café-tips', '部署']) {
    assert.ok(SkillName.safeParse(name).success, name);
    const target = { type: 'action', action: 'openSkill', target: { skill: name } };
    assert.deepEqual(parseViewMessage(target), target);
  }
  for (const name of ['../../etc', 'a/b', 'a\\b', '.git']) assert.equal(SkillName.safeParse(name).success, false, `${name} never passes: it could leave the library folder`);
});

test('a tree with one entry that does not fit keeps every other entry and says which one was left out', () => {
  const good = [skill('café-tips'), skill('git-bisect'), skill('部署')];
  const bad = { ...skill('Bad Name'), name: 'Bad Name' };
  const tree = { type: 'tree', model: { library: '/l', groups: [{ id: 'active', label: 'Active', skills: [good[0], bad, good[1], good[2]] }], notices: [] }, state: EMPTY_BROWSER_STATE };
  const parsed = parseHostMessage(tree);
  assert.ok(parsed && parsed.type === 'tree', 'the tree message is not dropped');
  assert.deepEqual(parsed.model.groups[0]!.skills.map((s) => s.name), ['café-tips', 'git-bisect', '部署']);
  assert.equal(parsed.model.notices.length, 1);
  assert.match(parsed.model.notices[0]!, /1 skill could not be shown: "Bad Name"/);
  // a tree whose frame is wrong is still refused whole
  assert.equal(parseHostMessage({ ...tree, model: { ...tree.model, groups: 'x' } }), undefined);
});

test('a detail whose SKILL.md was cut says how long the whole file is', () => {
  const detail = {
    name: 'big',
    group: 'active',
    shown: { kind: 'library', version },
    skillMd: 'x'.repeat(10),
    skillMdChars: 250_000,
    files: ['SKILL.md'],
    metadata: [],
    versions: [],
    provenance: [],
    trust: null,
    installs: null,
    canary: null,
    unavailable: [],
  };
  assert.deepEqual(parseHostMessage({ type: 'detail', detail }), { type: 'detail', detail });
});
