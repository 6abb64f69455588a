import { SkillsmithError } from '../core/errors';
import { checkTrustRules, DEFAULT_TRUST_RULES, type TrustRules } from '../core/match/trust/levels';

export const TRUST_RULES_ENV = 'SKILLSMITH_TRUST_RULES';

/**
 * The trust rules from `SKILLSMITH_TRUST_RULES`: JSON laid out like the rules, any part of it, over the
 * defaults (`{"promote":{"minUses":5}}` changes one number). The command line's side of the VS Code
 * settings `skillsmith.trust.*`.
 */
export function trustRulesFromEnv(env: NodeJS.ProcessEnv = process.env): TrustRules | undefined {
  const text = env[TRUST_RULES_ENV]?.trim();
  if (!text) return undefined;
  let given: unknown;
  try {
    given = JSON.parse(text);
  } catch (e) {
    throw new SkillsmithError(`not JSON: ${(e as Error).message}`, TRUST_RULES_ENV, 'e.g. {"promote":{"minUses":5,"minLower":0.6}}');
  }
  if (!isObject(given)) throw new SkillsmithError('expected a JSON object like {"promote":{"minUses":5}}', TRUST_RULES_ENV);
  const rules = structuredClone(DEFAULT_TRUST_RULES) as TrustRules;
  for (const [name, part] of Object.entries(given)) {
    if (!(name in rules)) throw new SkillsmithError(`unknown rule "${name}"`, TRUST_RULES_ENV, `use ${Object.keys(rules).join(', ')}`);
    const target = rules[name as keyof TrustRules] as unknown as Record<string, number>;
    if (!isObject(part)) throw new SkillsmithError(`"${name}" must be an object like {"minUses":5}`, TRUST_RULES_ENV);
    for (const [key, value] of Object.entries(part)) {
      if (!(key in target)) throw new SkillsmithError(`unknown field "${name}.${key}"`, TRUST_RULES_ENV, `use ${Object.keys(target).map((k) => `${name}.${k}`).join(', ')}`);
      if (typeof value !== 'number') throw new SkillsmithError(`"${name}.${key}" must be a number, got ${JSON.stringify(value)}`, TRUST_RULES_ENV);
      target[key] = value;
    }
  }
  checkTrustRules(rules, TRUST_RULES_ENV);
  return rules;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
