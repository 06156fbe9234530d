import { ClientEntity } from '../lib/entities/client.entity';
import { SigningKeyEntity } from '../lib/entities/signing-key.entity';
import { UserEntity } from '../lib/entities/user.entity';

/** A stored user row; the hash is a syntactically valid bcrypt string, not a real password's. */
export function userRow(username: string, overrides: Partial<UserEntity> = {}): UserEntity {
  return Object.assign(new UserEntity(), {
    username,
    passwordHash: '$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234',
    role: 'patient',
    fhirUser: 'Patient/pat-1',
    patientIds: ['pat-1', 'pat-2'],
    createdAt: '2025-01-02T03:04:05.000Z',
    ...overrides,
  });
}

export function clientRow(clientId: string, overrides: Partial<ClientEntity> = {}): ClientEntity {
  return Object.assign(new ClientEntity(), {
    clientId,
    secretHash: null,
    name: 'App',
    scopes: ['openid', 'patient/*.read'],
    grantTypes: ['password'],
    redirectUris: [],
    launchTypes: [],
    jwks: null,
    jwksUri: null,
    createdAt: '2025-01-02T03:04:05.000Z',
    ...overrides,
  });
}

/** A key row with placeholder JWKs: the repositories never look inside them. */
export function signingKeyRow(kid: string, createdAt: string, active = true): SigningKeyEntity {
  return Object.assign(new SigningKeyEntity(), {
    kid,
    alg: 'RS256',
    privateJwk: '{"kty":"RSA"}',
    publicJwk: '{"kty":"RSA"}',
    createdAt,
    active,
  });
}
