import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { activeFlagTransformer } from '../transformers/active-flag.transformer';

/** A key pair that signs access tokens; its public half is published in the JWKS. */
@Entity({ name: 'auth_signing_key' })
@Index('UQ_auth_signing_key_active', ['active'], { unique: true })
export class SigningKeyEntity {
  /** The RFC 7638 JWK thumbprint of the public key, used as the JWT header `kid`. */
  @PrimaryColumn({ name: 'kid', type: 'varchar', length: 64, primaryKeyConstraintName: 'PK_auth_signing_key' })
  kid!: string;

  @Column({ name: 'alg', type: 'varchar', length: 16 })
  alg!: string;

  /** The private JWK as JSON. Secret: never log it. */
  @Column({ name: 'private_jwk', type: 'text' })
  privateJwk!: string;

  @Column({ name: 'public_jwk', type: 'text' })
  publicJwk!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  /** The key that signs new tokens; retired keys stay (NULL) so tokens they signed still verify. */
  @Column({ name: 'active', type: 'integer', nullable: true, transformer: activeFlagTransformer })
  active!: boolean;
}
