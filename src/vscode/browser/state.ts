import type * as vscode from 'vscode';
import { BrowserState, EMPTY_BROWSER_STATE } from '../../../webview/protocol';

const KEY = 'skillsmith.browserState';

/**
 * The sidebar's view state (filter text, open items, selection, how far each group is paged), kept by the host
 * per workspace. The page only mirrors it, so a reopened or reloaded view comes back as it was.
 */
export class BrowserStateStore {
  constructor(private readonly memento: vscode.Memento) {}

  get(): BrowserState {
    const saved = BrowserState.safeParse(this.memento.get(KEY));
    return saved.success ? saved.data : EMPTY_BROWSER_STATE;
  }

  async set(state: BrowserState): Promise<void> {
    await this.memento.update(KEY, state);
  }
}
