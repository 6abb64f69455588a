/** Identifiers the extension contributes in package.json; code refers to them only through these. */
export const COMMAND = {
  distillNow: 'skillsmith.distillNow',
  ingestNow: 'skillsmith.ingestNow',
  cancelRun: 'skillsmith.cancelRun',
  addTranscriptFolder: 'skillsmith.addTranscriptFolder',
  showSources: 'skillsmith.showSources',
  openSkill: 'skillsmith.openSkill',
  listSkills: 'skillsmith.listSkills',
  compareVersions: 'skillsmith.compareVersions',
  compareWithPrevious: 'skillsmith.compareWithPrevious',
  compareCandidate: 'skillsmith.compareCandidate',
  acceptCandidate: 'skillsmith.acceptCandidate',
  rejectCandidate: 'skillsmith.rejectCandidate',
  editCandidate: 'skillsmith.editCandidate',
  acceptEditedCandidate: 'skillsmith.acceptEditedCandidate',
  revertSkill: 'skillsmith.revertSkill',
  installSkill: 'skillsmith.installSkill',
  startCanary: 'skillsmith.startCanary',
  promoteCanary: 'skillsmith.promoteCanary',
  stopCanary: 'skillsmith.stopCanary',
  configureLlm: 'skillsmith.configureLlm',
  showTokenUsage: 'skillsmith.showTokenUsage',
  showLog: 'skillsmith.showLog',
  refresh: 'skillsmith.refresh',
  evaluate: 'skillsmith.evaluate',
} as const;

export type CommandId = (typeof COMMAND)[keyof typeof COMMAND];

export const VIEW = {
  browser: 'skillsmith.browser',
  /** The skill detail editor panel (a webview panel type). */
  detail: 'skillsmith.detail',
  /** The hindsight evaluation report (a webview panel type). */
  evaluation: 'skillsmith.evaluation',
} as const;

/** Context keys the package.json `when` clauses read. */
export const CONTEXT = {
  running: 'skillsmith.running',
  /** The URIs of open editable copies of candidates (Edit Before Accepting). */
  editCopies: 'skillsmith.editCopies',
  /** Set once known that no canary runs / none can start: the canary commands leave the palette. */
  noCanaryRunning: 'skillsmith.noCanaryRunning',
  noCanaryReady: 'skillsmith.noCanaryReady',
} as const;

/** The scheme of the read-only documents: skill versions, candidates, sessions, token usage. */
export const SCHEME = 'skillsmith';

/** SecretStorage keys: API keys live only there. */
export const SECRET = {
  llmApiKey: 'skillsmith.llm.apiKey',
  embeddingsApiKey: 'skillsmith.llm.embeddings.apiKey',
} as const;

export const SETTINGS_SECTION = 'skillsmith';
