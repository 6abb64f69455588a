export { hashSkillFiles, hashSkillFolder, readSkillFiles, type HashedFile } from './content-hash';
export { loadSkill, type RegisteredSkill, type SkillRoot } from './load-skill';
export { DEFAULT_DEBOUNCE_MS, SkillRegistry, type RegistryChange, type WatchOptions } from './registry';
export { agentRoots, defaultSkillRoots, folderRoot, libraryRoot } from './roots';
