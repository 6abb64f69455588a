import { parseHostMessage, type HostMessage, type ViewMessage } from '../protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface Host {
  post(message: ViewMessage): void;
  /** Remembered by VS Code with the page (used only to revive a panel after a reload; the host keeps the truth). */
  remember(state: unknown): void;
}

/** Connects the page to the extension host: messages that do not fit the protocol are dropped. */
export function connectHost(onMessage: (message: HostMessage) => void): Host {
  const api = acquireVsCodeApi();
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseHostMessage(event.data);
    if (message) onMessage(message);
    else console.warn('skillsmith: ignored a message that does not fit the protocol');
  });
  return { post: (m) => api.postMessage(m), remember: (s) => api.setState(s) };
}
