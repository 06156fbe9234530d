import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A token id (`jti`) that must not be accepted again until it expires: revoked access tokens (RFC 7009) and used
 * client assertions (RFC 7523 §3, replay), told apart by the `kind` prefix in the key.
 */
@Entity({ name: 'auth_revoked_token' })
export class RevokedTokenEntity {
  /** `access:<jti>` or `assertion:<client_id>:<jti>`. */
  @PrimaryColumn({ name: 'token_key', type: 'varchar', length: 300, primaryKeyConstraintName: 'PK_auth_revoked_token' })
  tokenKey!: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 30 })
  expiresAt!: string;
}
