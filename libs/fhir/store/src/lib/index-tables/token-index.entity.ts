import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Token search values (https://hl7.org/fhir/R4/search.html#token) of the current version of each resource. */
@Entity({ name: 'fhir_index_token' })
@Index('idx_fhir_index_token_lookup', ['resourceType', 'code', 'value', 'system', 'resourceId'])
export class TokenIndexEntity {
  @PrimaryColumn({
    name: 'resource_type',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_fhir_index_token',
  })
  resourceType!: string;

  @PrimaryColumn({ name: 'resource_id', type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_fhir_index_token' })
  resourceId!: string;

  /** Position of the row among its resource's rows of this table: rows may repeat, a key must not. */
  @PrimaryColumn({ name: 'seq', type: 'integer', primaryKeyConstraintName: 'pk_fhir_index_token' })
  seq!: number;

  @Column({ name: 'code', type: 'varchar', length: 64 })
  code!: string;

  /** Ties the component rows of one composite element together (null on a parameter's own rows). */
  @Column({ name: 'composite_group', type: 'integer', nullable: true })
  compositeGroup!: number | null;

  @Column({ name: 'system', type: 'text', nullable: true })
  system!: string | null;

  @Column({ name: 'value', type: 'text', nullable: true })
  value!: string | null;

  /** Folded display / text, for `:text`. */
  @Column({ name: 'text', type: 'text', nullable: true })
  text!: string | null;

  /** Identifier.type coding, for `:of-type`. */
  @Column({ name: 'type_system', type: 'text', nullable: true })
  typeSystem!: string | null;

  @Column({ name: 'type_code', type: 'text', nullable: true })
  typeCode!: string | null;
}
