import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { UserRole } from '@connector/contracts';
import { jsonArrayTransformer } from '../transformers/json-array.transformer';

/** A person who can sign in with the password grant. */
@Entity({ name: 'auth_user' })
export class UserEntity {
  @PrimaryColumn({ name: 'username', type: 'varchar', length: 128, primaryKeyConstraintName: 'PK_auth_user' })
  username!: string;

  /** bcrypt hash; the password itself is never stored. */
  @Column({ name: 'password_hash', type: 'varchar', length: 100 })
  passwordHash!: string;

  @Column({ name: 'role', type: 'varchar', length: 32 })
  role!: UserRole;

  /** The FHIR resource that is this user, e.g. `Practitioner/123` (the SMART `fhirUser` claim). */
  @Column({ name: 'fhir_user', type: 'varchar', length: 200, nullable: true })
  fhirUser!: string | null;

  /** Ids of the Patient resources this user may act for. */
  @Column({ name: 'patient_ids', type: 'text', transformer: jsonArrayTransformer })
  patientIds!: string[];

  /** ISO 8601 instant: a string, so both dialects store and compare it the same way. */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
