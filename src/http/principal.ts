/**
 * Who is calling, as the HTTP layer and the use cases see it. The HTTP layer defines it (it
 * authenticates requests and checks roles); src/access, which issues the keys, re-exports it.
 */
export const ROLES = ['office', 'agency', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  keyId: string;
  name: string;
  role: Role;
  /** For role `agency`: the agency whose items the key may update. */
  agencyCode: string | null;
}
