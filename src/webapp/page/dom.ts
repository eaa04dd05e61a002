/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** A few DOM helpers: every text goes in as a text node (never parsed markup). */
import type { SvgNode } from '../charts.ts';

type Child = Node | string | false | null | undefined;
type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') e.addEventListener(k, v);
    else if (k === 'value' && 'value' in e) (e as HTMLInputElement).value = String(v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== false && c !== null && c !== undefined) e.append(c);
  return e;
}

/** Replaces what `parent` shows. */
export function show(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...children.filter((c): c is Node | string => c !== false && c !== null && c !== undefined));
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The charts' tree as SVG elements. */
export function svg(n: SvgNode): SVGElement {
  const e = document.createElementNS(SVG_NS, n.tag);
  for (const [k, v] of Object.entries(n.attrs)) if (k !== 'xmlns') e.setAttribute(k, String(v));
  for (const c of n.children) e.append(typeof c === 'string' ? document.createTextNode(c) : svg(c));
  return e;
}
