import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Longest folded prefix kept for `normalized`: a PostgreSQL btree entry must stay under ~2.7 kB (HAPI keeps 200). */
export const NORMALIZED_STRING_LENGTH = 255;

/** String search values (https://hl7.org/fhir/R4/search.html#string) of the current version of each resource. */
@Entity({ name: 'fhir_index_string' })
@Index('idx_fhir_index_string_lookup', ['resourceType', 'code', 'normalized', 'resourceId'])
export class StringIndexEntity {
  @PrimaryColumn({
    name: 'resource_type',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_fhir_index_string',
  })
  resourceType!: string;

  @PrimaryColumn({ name: 'resource_id', type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_fhir_index_string' })
  resourceId!: string;

  /** Position of the row among its resource's rows of this table: rows may repeat, a key must not. */
  @PrimaryColumn({ name: 'seq', type: 'integer', primaryKeyConstraintName: 'pk_fhir_index_string' })
  seq!: number;

  @Column({ name: 'code', type: 'varchar', length: 64 })
  code!: string;

  /** Ties the component rows of one composite element together (null on a parameter's own rows). */
  @Column({ name: 'composite_group', type: 'integer', nullable: true })
  compositeGroup!: number | null;

  /** The value as written, in full (`:exact`). */
  @Column({ name: 'value', type: 'text' })
  value!: string;

  /** Case- and accent-folded, cut to NORMALIZED_STRING_LENGTH characters (default starts-with search). */
  @Column({ name: 'normalized', type: 'varchar', length: NORMALIZED_STRING_LENGTH })
  normalized!: string;
}
