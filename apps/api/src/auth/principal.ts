import type { Language, Role } from '@huiqi/common';

/** Who is calling, loaded fresh from the users table on every request (so revocation is immediate). */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  zoneId: string | null;
  enterpriseId: string | null;
  isEnterpriseOwner: boolean;
  displayName: string;
  /** The language the user chose for API messages; null: Accept-Language decides. */
  language: Language | null;
}

export interface AccessTokenClaims {
  sub: string;
  /** The user's token version when issued; bumping it revokes every older token. */
  tv: number;
}
