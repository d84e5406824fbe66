/**
 * A very small Mustache-like template language for the emails, with escaping always on. Pure.
 *
 * - `{{a.b}}`        the value, escaped for the output (HTML entities in HTML, by the one escaper of
 *                    src/shared/html.ts; nothing in text);
 * - `{{#a}}…{{/a}}`  a section: repeated for each element of an array (the element becomes the
 *                    context, outer names stay visible), shown once for another truthy value;
 * - `{{^a}}…{{/a}}`  shown when `a` is falsy or an empty array.
 * There is no unescaped output. A name missing from the data (undefined, not null) is an error, so
 * a typo in a template fails in tests instead of printing nothing.
 */

import { stripControls } from '../shared/control-chars';
import { escapeHtml } from '../shared/html';

type Node =
  | { t: 'text'; v: string }
  | { t: 'var'; name: string }
  | { t: 'section'; name: string; inverted: boolean; children: Node[] };

const TAG = /\{\{\s*([#^/]?)\s*([\w.]+)\s*\}\}/g;

export class TemplateError extends Error {}

export function parseTemplate(source: string, name = 'template'): Node[] {
  const root: Node[] = [];
  const stack: { name: string; children: Node[] }[] = [{ name: '', children: root }];
  let last = 0;
  for (const m of source.matchAll(TAG)) {
    const top = stack[stack.length - 1]!;
    if (m.index > last) top.children.push({ t: 'text', v: source.slice(last, m.index) });
    last = m.index + m[0].length;
    const [, sigil, tagName] = m as unknown as [string, string, string];
    if (sigil === '#' || sigil === '^') {
      const node: Node = { t: 'section', name: tagName, inverted: sigil === '^', children: [] };
      top.children.push(node);
      stack.push({ name: tagName, children: node.children });
    } else if (sigil === '/') {
      if (stack.length < 2 || top.name !== tagName) throw new TemplateError(`${name}: unexpected {{/${tagName}}}`);
      stack.pop();
    } else top.children.push({ t: 'var', name: tagName });
  }
  if (stack.length > 1) throw new TemplateError(`${name}: {{#${stack[stack.length - 1]!.name}}} is not closed`);
  if (last < source.length) root.push({ t: 'text', v: source.slice(last) });
  return root;
}

function lookup(contexts: unknown[], name: string, template: string): unknown {
  const [head, ...rest] = name.split('.');
  for (let i = contexts.length - 1; i >= 0; i--) {
    const ctx = contexts[i];
    if (ctx && typeof ctx === 'object' && head! in ctx) {
      let value: unknown = (ctx as Record<string, unknown>)[head!];
      for (const part of rest) {
        if (value === null || value === undefined) return value;
        value = (value as Record<string, unknown>)[part];
      }
      if (value === undefined) throw new TemplateError(`${template}: '${name}' is missing from the data`);
      return value;
    }
  }
  throw new TemplateError(`${template}: '${name}' is missing from the data`);
}

/** A value as printed: NFC, without control characters (C0 but tab and line breaks, DEL), whatever the data holds. */
function print(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- prints whatever the data holds, as String() does (documented above)
  return stripControls(String(value)).normalize('NFC');
}

export type Escape = 'html' | 'text';

function renderNodes(nodes: Node[], contexts: unknown[], escape: Escape, template: string): string {
  let out = '';
  for (const node of nodes) {
    if (node.t === 'text') out += node.v;
    else if (node.t === 'var') {
      const text = print(lookup(contexts, node.name, template));
      out += escape === 'html' ? escapeHtml(text) : text;
    } else {
      const value = lookup(contexts, node.name, template);
      const truthy = Array.isArray(value) ? value.length > 0 : Boolean(value);
      if (node.inverted) {
        if (!truthy) out += renderNodes(node.children, contexts, escape, template);
      } else if (Array.isArray(value)) {
        for (const element of value) out += renderNodes(node.children, [...contexts, element], escape, template);
      } else if (truthy)
        out += renderNodes(
          node.children,
          typeof value === 'object' ? [...contexts, value] : contexts,
          escape,
          template,
        );
    }
  }
  return out;
}

/** A parsed template, ready to render many times. */
export interface Template {
  render(data: unknown): string;
}

export function compileTemplate(source: string, escape: Escape, name = 'template'): Template {
  const nodes = parseTemplate(source, name);
  return { render: (data) => renderNodes(nodes, [data], escape, name) };
}
