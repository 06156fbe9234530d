import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { GrantType } from '@connector/contracts';
import { spaceSeparatedTransformer } from '../transformers/space-separated.transformer';

/** An OAuth client (RFC 6749 §2): an application allowed to ask for tokens. */
@Entity({ name: 'auth_client' })
export class ClientEntity {
  @PrimaryColumn({ name: 'client_id', type: 'varchar', length: 128, primaryKeyConstraintName: 'PK_auth_client' })
  clientId!: string;

  /** bcrypt hash of the client secret; NULL for a public client (RFC 6749 §2.1), which cannot authenticate. */
  @Column({ name: 'secret_hash', type: 'varchar', length: 100, nullable: true })
  secretHash!: string | null;

  @Column({ name: 'name', type: 'varchar', length: 200 })
  name!: string;

  /** The most this client may ever be granted. */
  @Column({ name: 'scopes', type: 'text', transformer: spaceSeparatedTransformer })
  scopes!: string[];

  @Column({ name: 'grant_types', type: 'text', transformer: spaceSeparatedTransformer })
  grantTypes!: GrantType[];

  /** Exact redirect URIs the authorize endpoint accepts (RFC 6749 §3.1.2.2); empty for non-browser clients. */
  @Column({ name: 'redirect_uris', type: 'text', default: '', transformer: spaceSeparatedTransformer })
  redirectUris!: string[];

  /** SMART launch types the client is registered for: `ehr`, `standalone`. */
  @Column({ name: 'launch_types', type: 'text', default: '', transformer: spaceSeparatedTransformer })
  launchTypes!: string[];

  /** A registered JWK Set (JSON) for `private_key_jwt` client authentication (SMART Backend Services). */
  @Column({ name: 'jwks', type: 'text', nullable: true })
  jwks!: string | null;

  /** …or the URL where the client publishes it. */
  @Column({ name: 'jwks_uri', type: 'varchar', length: 500, nullable: true })
  jwksUri!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
