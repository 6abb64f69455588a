export { attributeSession, attributeStoredSessions, usesOfAtoms } from './attribute';
export { skillUsesInCalls, type SkillUse, type UseEvidence } from './find-uses';
export { replaceSessionUses, skillUses, type SkillUseFilter, type SkillUseRow } from './store';
