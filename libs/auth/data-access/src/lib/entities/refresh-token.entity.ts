import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One refresh token of a grant, stored by hash. Rotation: a redeemed token is marked used and a new one issued;
 * presenting a used one again means it leaked, so the whole grant is revoked (OAuth 2.0 Security BCP §4.14.2).
 */
@Entity({ name: 'auth_refresh_token' })
@Index('IX_auth_refresh_token_grant', ['grantId'])
export class RefreshTokenEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64, primaryKeyConstraintName: 'PK_auth_refresh_token' })
  tokenHash!: string;

  @Column({ name: 'grant_id', type: 'varchar', length: 64 })
  grantId!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'used_at', type: 'varchar', length: 30, nullable: true })
  usedAt!: string | null;
}
