/**
 * Loads the email templates from `templates/email/` once: for each kind `<kind>.subject.txt`,
 * `<kind>.txt` and `<kind>.html`, plus `layout.txt` / `layout.html` split at `<!--content-->`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../shared/paths';
import type { EmailTemplates, KindTemplates } from './render';
import { compileTemplate, type Escape } from './template';
import { DELIVERY_KINDS, type DeliveryKind } from './types';

export function emailTemplateDir(): string {
  return join(projectRoot(), 'templates', 'email');
}

export function loadEmailTemplates(dir = emailTemplateDir()): EmailTemplates {
  const read = (file: string) => readFileSync(join(dir, file), 'utf8').normalize('NFC');
  const compile = (file: string, escape: Escape) => compileTemplate(read(file), escape, file);
  const kinds = {} as Record<DeliveryKind, KindTemplates>;
  for (const kind of DELIVERY_KINDS) {
    kinds[kind] = {
      subject: compileTemplate(read(`${kind}.subject.txt`).trim(), 'text', `${kind}.subject.txt`),
      text: compile(`${kind}.txt`, 'text'),
      html: compile(`${kind}.html`, 'html'),
    };
  }
  const split = (file: string, escape: Escape) => {
    const [before, after, ...more] = read(file).split('<!--content-->');
    if (after === undefined || more.length) throw new Error(`${file} must contain <!--content--> exactly once`);
    return [compileTemplate(before!, escape, file), compileTemplate(after, escape, file)] as const;
  };
  const [htmlBefore, htmlAfter] = split('layout.html', 'html');
  const [textBefore, textAfter] = split('layout.txt', 'text');
  return { kinds, layout: { htmlBefore, htmlAfter, textBefore, textAfter } };
}
