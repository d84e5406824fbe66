import { createLogger, redactUrl, routedPath } from '../../../src/shared/logger';

const TOKEN = 'Xq7wZ9kLmN2pR4tV6yB8dF0hJ1aS3cE5gI7kM9oQ2uW';

describe('routedPath', () => {
  test('when a path is spelled oddly, then it is normalised the way a router could match it', () => {
    expect(routedPath('//FEEDS//abc.ics')).toBe('/feeds/abc.ics');
    expect(routedPath('/%66eeds/%61bc.ics')).toBe('/feeds/abc.ics');
    expect(routedPath('/%2566eeds/abc.ics')).toBe('/feeds/abc.ics'); // double encoding
    expect(routedPath('/x/../feeds/./abc.ics/')).toBe('/feeds/abc.ics');
    expect(routedPath('\\feeds\\abc.ics')).toBe('/feeds/abc.ics');
    expect(routedPath('/feeds/%E0%A4%A.ics')).toBe('/feeds/%e0%a4%a.ics'); // a malformed escape stays
  });
});

describe('redactUrl', () => {
  const feedSpellings = [
    `/feeds/${TOKEN}.ics`,
    `//feeds/${TOKEN}.ics`,
    `/FEEDS/${TOKEN}.ics`,
    `/Feeds/${TOKEN}.ICS`,
    `/feeds//${TOKEN}.ics`,
    `/feeds/${TOKEN}.ics/`,
    `/feeds/./${TOKEN}.ics`,
    `/api/../feeds/${TOKEN}.ics`,
    `/%66eeds/${TOKEN}.ics`,
    `/feeds%2F${TOKEN}.ics`,
    `/feeds/%58%71${TOKEN.slice(2)}.ics`,
    `/feeds/${TOKEN}`,
    `/feeds/public/${TOKEN}.ics/x`,
    `/feeds/public%2F..%2F${TOKEN}.ics`,
    `\\feeds\\${TOKEN}.ics`,
    `https://lich.example.gov.vn/feeds/${TOKEN}.ics`,
  ];
  test.each(feedSpellings)('when a private feed is requested as %s, then the token is redacted', (url) => {
    const out = redactUrl(`${url}?expand=1`);
    expect(out).toBe('/feeds/[redacted]?expand=1');
    expect(out).not.toContain(TOKEN.slice(4, 20));
  });

  test('when a public feed is requested, then its path is kept as sent', () => {
    expect(redactUrl('/feeds/public/ubnd.ics?kind=briefing&cancelled=show&alarm=1d')).toBe(
      '/feeds/public/ubnd.ics?kind=briefing&cancelled=show&alarm=1d',
    );
    expect(redactUrl('/FEEDS/public/ubnd.ics')).toBe('/FEEDS/public/ubnd.ics');
  });

  const optOutSpellings = [
    `/email/huy-dang-ky/${TOKEN}`,
    `/EMAIL/Huy-Dang-Ky/${TOKEN}`,
    `//email//huy-dang-ky/${TOKEN}/`,
    `/email/huy%2Ddang%2Dky/${TOKEN}`,
    `/email/huy-dang-ky/${TOKEN}/confirm`,
  ];
  test.each(optOutSpellings)('when an opt-out link is requested as %s, then the token is redacted', (url) => {
    expect(redactUrl(url)).toBe('/email/huy-dang-ky/[redacted]');
  });

  test('when secrets travel in query parameters of any name, then their values are redacted; known harmless ones are kept', () => {
    for (const name of [
      'token',
      'secret',
      'access_token',
      'key',
      'api_key',
      'apiKey',
      'password',
      'sig',
      'signature',
      'auth',
      'Token',
      'ACCESS_TOKEN',
      'x',
    ]) {
      expect(redactUrl(`/api/bodies?${name}=${TOKEN}`)).toBe(`/api/bodies?${name}=[redacted]`);
    }
    expect(
      redactUrl(`/api/occurrences?from=2023-05-01&to=2023-05-31&body=ubnd&kind=briefing&access_token=${TOKEN}`),
    ).toBe('/api/occurrences?from=2023-05-01&to=2023-05-31&body=ubnd&kind=briefing&access_token=[redacted]');
    expect(redactUrl(`/api/deliveries?state=dead&limit=5&offset=0&recipient=a@b.example`)).toBe(
      '/api/deliveries?state=dead&limit=5&offset=0&recipient=[redacted]',
    );
    // A name that could itself be a secret is not shown either; a bare value is redacted.
    expect(redactUrl(`/api/bodies?${TOKEN}`)).toBe('/api/bodies?[redacted]');
    expect(redactUrl(`/api/bodies?${TOKEN}=1`)).toBe('/api/bodies?[redacted]=[redacted]');
    expect(redactUrl(`/api/bodies?acc%65ss_token=${TOKEN}`)).toBe('/api/bodies?[redacted]=[redacted]');
    expect(redactUrl('/api/bodies?expand')).toBe('/api/bodies?expand');
    expect(redactUrl(`/x?a=1#${TOKEN}`)).toBe('/x?a=[redacted]');
  });

  test('when the path holds no secret, then it is logged as sent', () => {
    expect(redactUrl('/api/occurrences/ubnd-phien-hop-thuong-ky_20230525T0800')).toBe(
      '/api/occurrences/ubnd-phien-hop-thuong-ky_20230525T0800',
    );
    expect(redactUrl('/programmes/ubnd/2023-05.docx')).toBe('/programmes/ubnd/2023-05.docx');
    expect(redactUrl('/')).toBe('/');
  });
});

describe('the logger', () => {
  test('when a path or url field is logged unredacted, then it is redacted on the way out; redacting twice changes nothing', () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      createLogger('debug').debug('request', {
        path: `//FEEDS/${TOKEN}.ics?secret=${TOKEN}`,
        url: `/email/huy-dang-ky/${TOKEN}`,
        status: 200,
      });
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).not.toContain(TOKEN.slice(0, 12));
    expect(JSON.parse(written.join(''))).toMatchObject({
      path: '/feeds/[redacted]?secret=[redacted]',
      url: '/email/huy-dang-ky/[redacted]',
      status: 200,
    });
    for (const url of [
      `/feeds/${TOKEN}.ics?expand=1&x=1`,
      `/api/bodies?${TOKEN}=1`,
      '/feeds/public/ubnd.ics?kind=briefing',
    ])
      expect(redactUrl(redactUrl(url))).toBe(redactUrl(url));
  });
});
