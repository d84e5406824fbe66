import { compileTemplate, TemplateError } from '../../../src/reminders/template';

describe('email templates (pure)', () => {
  test('when a value holds markup, then the HTML output escapes it and the text output keeps it', () => {
    const data = { title: '<script>alert("x")</script> & "Báo cáo"' };
    expect(compileTemplate('<p>{{title}}</p>', 'html').render(data)).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Báo cáo&quot;</p>',
    );
    expect(compileTemplate('{{title}}', 'text').render(data)).toBe(data.title);
  });

  test('when there is no way to print raw HTML, then even {{{triple}}} braces stay escaped', () => {
    expect(compileTemplate('{{{x}}}', 'html').render({ x: '<b>' })).toBe('{&lt;b&gt;}');
  });

  test('when a section is a list, then it repeats with each element, outer names still visible', () => {
    const t = compileTemplate(
      '{{#items}}{{number}}. {{title}} ({{meeting}})\n{{/items}}{{^items}}none{{/items}}',
      'text',
    );
    expect(
      t.render({
        meeting: 'Phiên họp',
        items: [
          { number: 1, title: 'Một' },
          { number: 2, title: 'Hai' },
        ],
      }),
    ).toBe('1. Một (Phiên họp)\n2. Hai (Phiên họp)\n');
    expect(t.render({ meeting: 'x', items: [] })).toBe('none');
  });

  test('when text is decomposed (NFD), then it is printed composed (NFC)', () => {
    const nfd = 'Thứ Năm'.normalize('NFD');
    expect(compileTemplate('{{x}}', 'text').render({ x: nfd })).toBe('Thứ Năm'.normalize('NFC'));
  });

  test('when a name is missing from the data, or a section is not closed, then it fails loudly', () => {
    expect(() => compileTemplate('{{mising}}', 'text', 'x.txt').render({ missing: 1 })).toThrow(TemplateError);
    expect(() => compileTemplate('{{#a}}', 'text')).toThrow(/not closed/);
    expect(compileTemplate('[{{a.b}}]', 'text').render({ a: null })).toBe('[]');
  });
});
