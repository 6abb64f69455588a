export * from './types';
export { scanText, ruleCatalog, textKindOf } from './scan-text';
export { scanPath, scanFiles, decodeText, type FolderScan } from './scan-folder';
export { isQuarantined, quarantineOnHighFindings, quarantineReason } from './quarantine';
export { importSkill, type ImportResult } from './import-skill';
