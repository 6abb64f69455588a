export * from './types';
export { parseSkillMd, skillFrontmatterOf } from './parse';
export { validateSkillFolder, validateSkillText } from './validate';
export { renderSkillMd, updateSkillMd, type SkillMdChange } from './write';
export { findSkillFolders, skillMdIn } from './find';
export { readSkillFolder, writeSkillMd, type SkillFolder } from './folder';
