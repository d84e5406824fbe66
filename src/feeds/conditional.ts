/**
 * HTTP validators of a rendered feed (RFC 9110 §8.8, §13): a strong ETag from the bytes, a
 * Last-Modified from the data, and the decision whether a conditional GET gets 304. Pure.
 */
import { createHash } from 'node:crypto';

/** A strong entity tag: the first 128 bits of the SHA-256 of the bytes, quoted. */
export function strongEtag(bytes: Buffer): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;
}

/** Whole seconds (HTTP dates have no fraction), as a `Date`. */
export function toHttpSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/**
 * True when the client's cached copy is current. If-None-Match (weak comparison, `*` matches)
 * takes precedence; If-Modified-Since is used only without it, and only when it parses.
 */
export function notModified(
  headers: { ifNoneMatch?: string | undefined; ifModifiedSince?: string | undefined },
  etag: string,
  lastModified: Date,
): boolean {
  if (headers.ifNoneMatch !== undefined) {
    const bare = etag.replace(/^W\//, '');
    return headers.ifNoneMatch.split(',').some((tag) => {
      const t = tag.trim();
      return t === '*' || t.replace(/^W\//, '') === bare;
    });
  }
  if (headers.ifModifiedSince !== undefined) {
    const since = Date.parse(headers.ifModifiedSince);
    return !Number.isNaN(since) && toHttpSecond(lastModified).getTime() <= since;
  }
  return false;
}
