import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Reference search values (https://hl7.org/fhir/R4/search.html#reference). Two lookups: a type's parameter
 * (`Observation?patient=123`) and the target first (`Patient/123` compartment, `_revinclude`).
 */
@Entity({ name: 'fhir_index_reference' })
@Index('idx_fhir_index_reference_lookup', ['resourceType', 'code', 'targetType', 'targetId', 'resourceId'])
@Index('idx_fhir_index_reference_target', ['targetType', 'targetId', 'code', 'resourceType', 'resourceId'])
export class ReferenceIndexEntity {
  @PrimaryColumn({
    name: 'resource_type',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_fhir_index_reference',
  })
  resourceType!: string;

  @PrimaryColumn({
    name: 'resource_id',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_fhir_index_reference',
  })
  resourceId!: string;

  /** Position of the row among its resource's rows of this table: rows may repeat, a key must not. */
  @PrimaryColumn({ name: 'seq', type: 'integer', primaryKeyConstraintName: 'pk_fhir_index_reference' })
  seq!: number;

  @Column({ name: 'code', type: 'varchar', length: 64 })
  code!: string;

  /** Ties the component rows of one composite element together (null on a parameter's own rows). */
  @Column({ name: 'composite_group', type: 'integer', nullable: true })
  compositeGroup!: number | null;

  /** The reference string as stored. */
  @Column({ name: 'reference', type: 'text', nullable: true })
  reference!: string | null;

  @Column({ name: 'target_type', type: 'varchar', length: 64, nullable: true })
  targetType!: string | null;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId!: string | null;

  /** Reference.identifier, for `:identifier`. */
  @Column({ name: 'identifier_system', type: 'text', nullable: true })
  identifierSystem!: string | null;

  @Column({ name: 'identifier_value', type: 'text', nullable: true })
  identifierValue!: string | null;
}
