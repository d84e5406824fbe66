/**
 * Part A of the programme (key tasks) is Markdown the Office writes each month. Here it becomes
 * sanitised HTML for the page and simple blocks (headings, paragraphs, lists) for the DOCX. Pure.
 */
import { Lexer, marked, type Token, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { stripControls } from '../shared/control-chars';
import type { PartA, TextBlock, TextRun } from './types';

/** What Markdown may produce on the page: text structure only; no images, scripts, styles or raw HTML attributes. */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    'ul',
    'ol',
    'li',
    'blockquote',
    'a',
    'code',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  disallowedTagsMode: 'discard',
};

/** Markdown → sanitised HTML. @example markdownToHtml('**a**') === '<p><strong>a</strong></p>' */
export function markdownToHtml(markdown: string): string {
  const raw = marked.parse(stripControls(markdown).normalize('NFC'), { async: false, gfm: true, breaks: false });
  return sanitizeHtml(raw, SANITIZE).trim();
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Flattens inline tokens to runs, carrying bold/italic down. */
function runsOf(tokens: Token[] | undefined, style: { bold?: boolean; italic?: boolean } = {}): TextRun[] {
  const out: TextRun[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        out.push(...runsOf((t as Tokens.Strong).tokens, { ...style, bold: true }));
        break;
      case 'em':
        out.push(...runsOf((t as Tokens.Em).tokens, { ...style, italic: true }));
        break;
      case 'br':
        out.push({ text: '\n', ...style });
        break;
      case 'link':
      case 'del':
        out.push(...runsOf((t as Tokens.Link).tokens, style));
        break;
      case 'text':
        if ((t as Tokens.Text).tokens?.length) out.push(...runsOf((t as Tokens.Text).tokens, style));
        else out.push({ text: decode((t as Tokens.Text).text), ...style });
        break;
      case 'html':
        break; // raw HTML is not carried into the document
      default:
        if ('text' in t && typeof t.text === 'string') out.push({ text: decode(t.text), ...style });
    }
  }
  // Merge neighbours of the same style and turn soft line breaks into spaces.
  const merged: TextRun[] = [];
  for (const r of out) {
    const run: TextRun = { ...r, text: r.text === '\n' ? r.text : r.text.replace(/\s*\n\s*/g, ' ') };
    const last = merged[merged.length - 1];
    if (last && !!last.bold === !!run.bold && !!last.italic === !!run.italic && run.text !== '\n' && last.text !== '\n')
      last.text += run.text;
    else merged.push(run);
  }
  return merged.map((r) => {
    const clean: TextRun = { text: r.text };
    if (r.bold) clean.bold = true;
    if (r.italic) clean.italic = true;
    return clean;
  });
}

/** Markdown → blocks for the DOCX (headings, paragraphs, lists; anything else as paragraphs of its text). */
export function markdownToBlocks(markdown: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  const visit = (tokens: Token[]) => {
    for (const t of tokens) {
      switch (t.type) {
        case 'heading':
          blocks.push({
            type: 'heading',
            level: (t as Tokens.Heading).depth,
            runs: runsOf((t as Tokens.Heading).tokens),
          });
          break;
        case 'paragraph':
          blocks.push({ type: 'paragraph', runs: runsOf((t as Tokens.Paragraph).tokens) });
          break;
        case 'list': {
          const list = t as Tokens.List;
          blocks.push({
            type: 'list',
            ordered: list.ordered,
            start: typeof list.start === 'number' ? list.start : 1,
            items: list.items.map((item) =>
              item.tokens.flatMap((it) =>
                'tokens' in it && it.tokens
                  ? runsOf(it.tokens)
                  : 'text' in it
                    ? [{ text: decode(String(it.text)) }]
                    : [],
              ),
            ),
          });
          break;
        }
        case 'blockquote':
          visit((t as Tokens.Blockquote).tokens);
          break;
        case 'space':
        case 'hr':
        case 'html':
          break;
        default:
          if ('text' in t && typeof t.text === 'string' && t.text.trim())
            blocks.push({ type: 'paragraph', runs: [{ text: decode(t.text) }] });
      }
    }
  };
  visit(Lexer.lex(stripControls(markdown).normalize('NFC'), { gfm: true }));
  return blocks.filter((b) => b.type === 'list' || b.runs.some((r) => r.text.trim()));
}

export function buildPartA(markdown: string): PartA {
  const md = stripControls(markdown).normalize('NFC').replace(/\r\n?/g, '\n').trim();
  return { markdown: md, html: md ? markdownToHtml(md) : '', blocks: md ? markdownToBlocks(md) : [] };
}
