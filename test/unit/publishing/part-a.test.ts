import { buildPartA, markdownToBlocks, markdownToHtml } from '../../../src/publishing/part-a';

describe('part A written in Markdown', () => {
  test('when the Office writes headings, paragraphs and lists, then the DOCX blocks keep them with bold and italic runs', () => {
    const blocks = markdownToBlocks(
      '### 1. Về kinh tế\n\n1.1. Chỉ đạo **tập trung** và *kịp thời*\nvụ vải thiều.\n\n1. Trồng rừng;\n2. Phòng chống thiên tai.',
    );
    expect(blocks).toEqual([
      { type: 'heading', level: 3, runs: [{ text: '1. Về kinh tế' }] },
      {
        type: 'paragraph',
        runs: [
          { text: '1.1. Chỉ đạo ' },
          { text: 'tập trung', bold: true },
          { text: ' và ' },
          { text: 'kịp thời', italic: true },
          { text: ' vụ vải thiều.' },
        ],
      },
      {
        type: 'list',
        ordered: true,
        start: 1,
        items: [[{ text: 'Trồng rừng;' }], [{ text: 'Phòng chống thiên tai.' }]],
      },
    ]);
  });

  test('when the Markdown carries scripts, event handlers or javascript: links, then the HTML drops them', () => {
    const html = markdownToHtml(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[bấm](javascript:alert(1)) và [văn bản](https://example.gov.vn/a?b=1&c=2)\n\n<p style="color:red" onclick="x()">đoạn</p>',
    );
    expect(html).not.toMatch(/script|onerror|onclick|javascript:|style=|<img/i);
    expect(html).toContain('<a href="https://example.gov.vn/a?b=1&amp;c=2">văn bản</a>');
    expect(html).toContain('đoạn');
  });

  test('when the text uses entities and decomposed letters, then blocks carry plain NFC text', () => {
    const part = buildPartA('Tài chính &amp; Kế hoạch: 5 < 6\r\n'.normalize('NFD'));
    expect(part.markdown).toBe('Tài chính &amp; Kế hoạch: 5 < 6');
    expect(part.blocks).toEqual([{ type: 'paragraph', runs: [{ text: 'Tài chính & Kế hoạch: 5 < 6' }] }]);
    expect(buildPartA('   ')).toEqual({ markdown: '', html: '', blocks: [] });
  });
});
