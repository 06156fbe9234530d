import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import type { UserEntity } from '@connector/auth-data-access';
import { accessTokenIssuer, CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { SigningKeyService } from '../keys/signing-key.service';

/**
 * Signs OpenID Connect id_tokens for `openid fhirUser` (or `openid profile`): who signed in, as the FHIR resource
 * that is them. See https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-identity-data
 */
@Injectable()
export class IdTokenService {
  constructor(
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
    private readonly keys: SigningKeyService,
  ) {}

  /** Whether the granted scopes ask for an id_token. */
  wanted(scopes: readonly string[]): boolean {
    return scopes.includes('openid') && (scopes.includes('fhirUser') || scopes.includes('profile'));
  }

  /** `fhirBaseUrl` makes `fhirUser` an absolute URL, as SMART requires. */
  async issue(user: UserEntity, clientId: string, nonce: string | null, fhirBaseUrl: string): Promise<string> {
    const key = await this.keys.activeKey();
    const issuedAt = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {};
    if (user.fhirUser) {
      claims['fhirUser'] = `${fhirBaseUrl}/${user.fhirUser}`;
    }
    if (nonce !== null) {
      claims['nonce'] = nonce;
    }
    return new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setIssuer(accessTokenIssuer(this.config))
      .setSubject(user.username)
      .setAudience(clientId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.config.accessTokenTtlSeconds)
      .sign(key.privateKey);
  }
}
