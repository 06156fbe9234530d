import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Number search values (https://hl7.org/fhir/R4/search.html#number) of the current version of each resource. */
@Entity({ name: 'fhir_index_number' })
@Index('idx_fhir_index_number_lookup', ['resourceType', 'code', 'value', 'resourceId'])
export class NumberIndexEntity {
  @PrimaryColumn({
    name: 'resource_type',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_fhir_index_number',
  })
  resourceType!: string;

  @PrimaryColumn({ name: 'resource_id', type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_fhir_index_number' })
  resourceId!: string;

  /** Position of the row among its resource's rows of this table: rows may repeat, a key must not. */
  @PrimaryColumn({ name: 'seq', type: 'integer', primaryKeyConstraintName: 'pk_fhir_index_number' })
  seq!: number;

  @Column({ name: 'code', type: 'varchar', length: 64 })
  code!: string;

  /** Ties the component rows of one composite element together (null on a parameter's own rows). */
  @Column({ name: 'composite_group', type: 'integer', nullable: true })
  compositeGroup!: number | null;

  @Column({ name: 'value', type: 'double precision' })
  value!: number;

  /** The decimal as written: its precision decides the implicit range of `eq`. */
  @Column({ name: 'value_text', type: 'text' })
  valueText!: string;
}
