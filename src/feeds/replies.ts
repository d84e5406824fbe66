/**
 * Replies of the feeds API, as zod schemas: the OpenAPI description generates their JSON Schema
 * (src/api-description.ts), and test/integration/api-docs.test.ts checks real replies against it.
 * Loose objects: a reply may gain fields; every field listed is present.
 */
import { z } from 'zod';
import { TOKEN_KINDS } from './tokens';

const instant = z.string().describe('ISO 8601 instant (UTC, Z)');

export const subscribeLinksReply = z
  .looseObject({
    name: z.string().describe('the calendar name clients show'),
    https: z.string(),
    webcal: z.string(),
    google: z.string(),
    outlook: z.string(),
    office365: z.string(),
  })
  .describe('Subscribe links of a feed');

/** A private feed token (`TokenView`): never its secret. */
export const feedTokenReply = z
  .looseObject({
    id: z.string(),
    kind: z.enum(TOKEN_KINDS),
    subjectCode: z.string(),
    subjectName: z.string(),
    label: z.string(),
    hint: z.string().describe('first characters of the token, to tell URLs apart'),
    createdAt: instant,
    createdBy: z.string(),
    revokedAt: instant.nullable(),
    replacedBy: z.string().nullable(),
    lastFetchedAt: instant.nullable(),
    lastUserAgent: z.string().nullable(),
    fetchCount: z.number().int(),
    active: z.boolean(),
  })
  .describe('A private feed token (never its secret)');
export const feedTokensReply = z.looseObject({ tokens: z.array(feedTokenReply) }).describe('Private feed tokens');

/** A new token with its URL: the only time the secret is shown. */
export const issuedTokenReply = z
  .looseObject({
    token: feedTokenReply,
    url: z.string().describe('the https URL of the feed, with its secret'),
    links: subscribeLinksReply,
  })
  .describe('The new token and its URL (shown only in this response)');
export const rotatedTokenReply = issuedTokenReply
  .extend({ replaced: feedTokenReply })
  .describe('The new token and its URL (shown only in this response), and the token it replaced');
