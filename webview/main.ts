// The sidebar app: for now, the library's skill names or an empty state.
import { isHostMessage, type HostMessage, type SkillEntry, type ViewMessage } from './protocol';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('app')!;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function skillItem(skill: SkillEntry): HTMLLIElement {
  const item = element('li', 'skill');
  item.title = `${skill.name} @ ${skill.version.slice(0, 7)}`;
  item.append(element('span', 'skill-name', skill.name));
  if (skill.description) item.append(element('span', 'skill-description', skill.description));
  return item;
}

function render(message: HostMessage): void {
  if (message.type === 'error') {
    root.replaceChildren(element('p', 'error', message.message));
    return;
  }
  if (message.skills.length === 0) {
    root.replaceChildren(
      element('p', 'empty', 'No skills yet.'),
      element('p', 'hint', `Add a skill folder (one holding a SKILL.md) with "skillsmith library add FOLDER". Library: ${message.library}`),
    );
    return;
  }
  const list = element('ul', 'skills');
  list.append(...message.skills.map(skillItem));
  root.replaceChildren(list);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) render(event.data);
});
vscode.postMessage({ type: 'ready' });
