import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One authentication or authorization event: who, from where, what happened. Never holds a secret. */
@Entity({ name: 'auth_audit_event' })
@Index('IX_auth_audit_event_at', ['at'])
export class AuditEventEntity {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 36, primaryKeyConstraintName: 'PK_auth_audit_event' })
  id!: string;

  @Column({ name: 'at', type: 'varchar', length: 30 })
  at!: string;

  /** e.g. `login`, `token`, `refresh`, `revoke`, `introspect`, `authorize`, `launch`, `throttled`. */
  @Column({ name: 'event', type: 'varchar', length: 48 })
  event!: string;

  @Column({ name: 'outcome', type: 'varchar', length: 16 })
  outcome!: 'success' | 'failure';

  @Column({ name: 'username', type: 'varchar', length: 128, nullable: true })
  username!: string | null;

  @Column({ name: 'client_id', type: 'varchar', length: 128, nullable: true })
  clientId!: string | null;

  @Column({ name: 'ip', type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'detail', type: 'text', nullable: true })
  detail!: string | null;
}
