/** Choosing a content coding from Accept-Encoding (RFC 9110 §12.5.3). */
import { codingFor } from '../../../src/http/content-coding';

describe('codingFor', () => {
  test.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['gzip;q=0.2, br;q=0.8', 'br'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['identity, gzip;q=0.5', 'identity'],
    ['*', 'br'],
    ['*;q=0.5, identity', 'identity'],
    ['x-gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['deflate', 'identity'],
    ['br ; q=0.9 , gzip ; q=0.9', 'br'],
  ])('when Accept-Encoding is %p, then the feed is sent as %s', (header, coding) => {
    expect(codingFor(header)).toBe(coding);
  });
});
