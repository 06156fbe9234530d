import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Date search values (https://hl7.org/fhir/R4/search.html#date) as [low, high) epoch-ms ranges; null = open end. */
@Entity({ name: 'fhir_index_date' })
@Index('idx_fhir_index_date_lookup', ['resourceType', 'code', 'low', 'high', 'resourceId'])
export class DateIndexEntity {
  @PrimaryColumn({ name: 'resource_type', type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_fhir_index_date' })
  resourceType!: string;

  @PrimaryColumn({ name: 'resource_id', type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_fhir_index_date' })
  resourceId!: string;

  /** Position of the row among its resource's rows of this table: rows may repeat, a key must not. */
  @PrimaryColumn({ name: 'seq', type: 'integer', primaryKeyConstraintName: 'pk_fhir_index_date' })
  seq!: number;

  @Column({ name: 'code', type: 'varchar', length: 64 })
  code!: string;

  /** Ties the component rows of one composite element together (null on a parameter's own rows). */
  @Column({ name: 'composite_group', type: 'integer', nullable: true })
  compositeGroup!: number | null;

  /** pg hands bigint back as a string; SQLite as a number. Epoch ms fit a double either way. */
  @Column({ name: 'low', type: 'bigint', nullable: true })
  low!: string | number | null;

  @Column({ name: 'high', type: 'bigint', nullable: true })
  high!: string | number | null;
}
