/** Where each agent keeps its sessions on this machine, and which of them belong to a workspace. */
export { discoverSources, EXTRA_FOLDERS_ENV, type DiscoveredLocation, type DiscoveryOptions } from './discover';
export { processEnvironment, type DiscoveryEnvironment } from './environment';
export type { SourceLocation, UnitPattern, WorkspaceLink } from './location';
export { locationUnits, MAX_FOLDER_DEPTH, namedUnits, type SessionUnit } from './units';
export { isWithin, WorkspaceFilter, type LinkVerdict } from './workspace';
