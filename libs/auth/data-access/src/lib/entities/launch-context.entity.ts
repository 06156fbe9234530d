import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The context an EHR or portal hands an app it launches (`launch=` on the authorize request). */
@Entity({ name: 'auth_launch_context' })
export class LaunchContextEntity {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 64, primaryKeyConstraintName: 'PK_auth_launch_context' })
  id!: string;

  @Column({ name: 'patient_id', type: 'varchar', length: 64, nullable: true })
  patientId!: string | null;

  @Column({ name: 'encounter_id', type: 'varchar', length: 64, nullable: true })
  encounterId!: string | null;

  /** The user or client that created the launch. */
  @Column({ name: 'created_by', type: 'varchar', length: 128 })
  createdBy!: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 30 })
  expiresAt!: string;
}
