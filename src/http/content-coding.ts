/**
 * Content coding negotiation (RFC 9110 §12.5.3) for responses compressed once and sent many times:
 * the feeds' precompressed bodies (src/feeds/send.ts) and the public reads cached per schedule
 * version (src/readmodel/response-cache.ts).
 */

export type Coding = 'br' | 'gzip' | 'identity';

/**
 * The coding to send for an Accept-Encoding value: the acceptable one with the highest q-value,
 * brotli before gzip before identity on a tie; identity when nothing else is acceptable (even if
 * refused: the body is then still sent as identity, the usual practice).
 *
 * @example codingFor('gzip, deflate, br') // 'br'
 * @example codingFor('br;q=0.5, gzip') // 'gzip'
 */
export function codingFor(acceptEncoding: string | undefined): Coding {
  if (!acceptEncoding) return 'identity';
  const q: Record<string, number> = {};
  for (const part of acceptEncoding.split(',')) {
    const [rawName, ...params] = part.toLowerCase().split(';');
    const name = rawName?.trim();
    if (!name) continue;
    let value = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m) value = Number(m[1]);
    }
    if (!Number.isFinite(value)) value = 0;
    q[name === 'x-gzip' ? 'gzip' : name] = value;
  }
  const of = (c: string) => q[c] ?? q['*'] ?? 0;
  const br = of('br');
  const gz = of('gzip');
  // Identity not listed: acceptable, with the lowest listed q-value (as `negotiator` does), so a
  // listed coding wins over it.
  const id = q.identity ?? Math.min(...Object.values(q));
  if (br > 0 && br >= gz && br >= id) return 'br';
  if (gz > 0 && gz >= id) return 'gzip';
  return 'identity';
}

/** Accept-Encoding values seen, with their coding (clients send a handful; bounded). */
const codings = new Map<string, Coding>();

/** {@link codingFor}, remembered per header value. */
export function cachedCoding(header: string | undefined): Coding {
  if (!header) return 'identity';
  let c = codings.get(header);
  if (!c) {
    c = codingFor(header);
    if (codings.size >= 200) codings.clear();
    codings.set(header, c);
  }
  return c;
}
