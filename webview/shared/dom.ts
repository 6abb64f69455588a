type Child = Node | string | null | undefined | false;

/**
 * Creates an element. Text always goes in as text nodes and attributes through setAttribute, so nothing a
 * skill or session contains is ever parsed as HTML here.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string | boolean | undefined>, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Record<string, string | boolean | undefined>, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** A codicon, as VS Code draws its own icons. */
export function icon(name: string, label?: string): HTMLElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': label ? undefined : 'true', 'aria-label': label, role: label ? 'img' : undefined });
}

export function shortId(version: string): string {
  return version.slice(0, 7);
}

/** `2026-05-02 14:03` from an ISO time. */
export function shortDate(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
