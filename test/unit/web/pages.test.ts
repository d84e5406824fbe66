import { html, raw } from '../../../src/shared/html';
import { readinessBoard } from '../../../src/web/readiness';
import { qrSvg, subscribeLinks } from '../../../src/web/subscribe';
import { ownsPath } from '../../../src/web/routes';
import { directory, item, occurrences } from '../publishing/fixtures';

describe('page building blocks', () => {
  test('when interpolating into HTML, then values are escaped unless marked safe, and lists are joined', () => {
    expect(
      html`<p title="${'"x"'}">${'<script>'}${raw('<b>ok</b>')}${['a', html`<i>b</i>`]}${null}${false}</p>`.toString(),
    ).toBe('<p title="&quot;x&quot;">&lt;script&gt;<b>ok</b>a<i>b</i></p>');
  });

  test('when building subscribe links, then webcal, Google and Outlook addresses are encoded from the public base URL', () => {
    expect(subscribeLinks('https://lich.example.gov.vn/', 'ubnd', 'UBND huyện Lục Ngạn')).toMatchObject({
      https: 'https://lich.example.gov.vn/feeds/public/ubnd.ics',
      webcal: 'webcal://lich.example.gov.vn/feeds/public/ubnd.ics',
      google:
        'https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Flich.example.gov.vn%2Ffeeds%2Fpublic%2Fubnd.ics',
      outlook:
        'https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Flich.example.gov.vn%2Ffeeds%2Fpublic%2Fubnd.ics&name=UBND%20huy%E1%BB%87n%20L%E1%BB%A5c%20Ng%E1%BA%A1n',
    });
  });

  test('when drawing the QR code, then it is an inline SVG with no script', async () => {
    const svg = await qrSvg('https://lich.example.gov.vn/feeds/public/ubnd.ics');
    expect(svg.startsWith('<svg role="img"')).toBe(true);
    expect(svg).not.toMatch(/script|href/i);
  });

  test('when the documents are due and not submitted, then the board marks them overdue per agency', () => {
    const occs = occurrences({ from: '2023-05-01', to: '2023-05-31' });
    const session = occs.find((o) => o.kind === 'regular-session')!;
    const items = [
      item(session.id, 1, [['tckh', 'lead']]),
      item(
        session.id,
        2,
        [
          ['tckh', 'lead'],
          ['thanh-tra', 'coordinating'],
        ],
        { status: 'submitted' },
      ),
      item(session.id, 3, []),
    ];
    const board = readinessBoard(occs, items, directory, new Date('2023-05-23T00:00:00Z'));
    expect(board.agencies.map((a) => `${a.code} ${a.total}/${a.done}/${a.overdue}`)).toEqual([
      'tckh 2/1/1',
      'thanh-tra 1/1/0',
    ]);
    expect(board.rows.map((r) => `${r.number} ${r.overdue}`)).toEqual(['1 true', '2 false', '3 true']);
    expect(board.rows[1]!.cells['thanh-tra']).toEqual({ role: 'coordinating', status: 'submitted', overdue: false });
  });

  test('when deciding which paths the web serves, then its pages are included and the API and feeds are not', () => {
    for (const p of [
      '/',
      '/lich/ubnd/thang/2023-05',
      '/dang-ky',
      '/dang-nhap',
      '/van-phong',
      '/van-phong/x',
      '/co-quan',
      '/programmes',
      '/programmes/ubnd/2023-05',
      '/schedules/ubnd/2023-W21',
      '/assets/site.css',
    ])
      expect(ownsPath(p)).toBe(true);
    for (const p of ['/api/bodies', '/feeds/public/ubnd.ics', '/healthz', '/openapi.json', '/lichx', '/dang-kyx'])
      expect(ownsPath(p)).toBe(false);
  });
});
