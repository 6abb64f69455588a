export { AGENTS, AGENT_NAMES, agentTarget, agentsNamed, parseScope, skillFolderFor, type AgentName, type AgentTarget, type InstallScope } from './agents';
export {
  installSkill,
  listInstalls,
  refreshInstalls,
  removeInstall,
  uninstallSkill,
  type Failure,
  type InstallContext,
  type InstallOutcome,
  type InstallReport,
  type InstallRequest,
  type InstallState,
  type InstallStatus,
  type QuarantineCheck,
  type UninstallReport,
  type UninstallRequest,
} from './install';
export { installsFollowLibrary } from './follow-library';
export { materializedDir, markedFiles, skillMdPath } from './materialize';
export { OWNERSHIP_FILE } from './ownership';
export { symlinkFolder, type LinkFn } from './place';
export { listInstallRecords, type InstallMethod, type InstallRecord } from './records';
export { addVersionMarker, findVersionMarkers, hasVersionMarker, MARKER_KEY, stripVersionMarker, type MarkerSighting } from './version-marker';
