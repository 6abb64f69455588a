// Messages between the extension host and the sidebar webview. Both sides check what they receive:
// the webview is untrusted, and the host's messages are checked before they reach the DOM.

/** What the sidebar shows of one skill. */
export interface SkillEntry {
  name: string;
  description: string;
  /** The commit that last touched the skill. */
  version: string;
}

/** Host → webview. */
export type HostMessage =
  | { type: 'skills'; library: string; skills: SkillEntry[] }
  | { type: 'error'; message: string };

/** Webview → host. */
export type ViewMessage = { type: 'ready' };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isSkillEntry(v: unknown): v is SkillEntry {
  return isRecord(v) && typeof v.name === 'string' && typeof v.description === 'string' && typeof v.version === 'string';
}

export function isViewMessage(v: unknown): v is ViewMessage {
  return isRecord(v) && v.type === 'ready';
}

export function isHostMessage(v: unknown): v is HostMessage {
  if (!isRecord(v)) return false;
  if (v.type === 'skills') return typeof v.library === 'string' && Array.isArray(v.skills) && v.skills.every(isSkillEntry);
  if (v.type === 'error') return typeof v.message === 'string';
  return false;
}
