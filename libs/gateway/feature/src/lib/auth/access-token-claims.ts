import type { JWTPayload } from 'jose';

/** The verified claims of a request's access token (RS256 JWT issued by the auth service). */
export interface AccessTokenClaims extends JWTPayload {
  /** Space-separated SMART scopes, e.g. `user/*.read`. */
  readonly scope?: string;
  readonly exp: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by BearerAuthGuard on every authenticated FHIR request. */
    accessToken?: AccessTokenClaims;
  }
}
