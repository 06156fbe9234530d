import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Quantity search values (https://hl7.org/fhir/R4/search.html#quantity); a Range has value null, low/high set.
 * UCUM quantities also carry their canonical value and unit, looked up by their own index.
 */
@Entity({ name: 'fhir_index_quantity' })
@Index('idx_fhir_index_quantity_lookup', ['resourceType', 'code', 'value', 'resourceId'])
@Index('idx_fhir_index_quantity_canonical', ['resourceType', 'code', 'canonicalUnit', 'canonicalValue', 'resourceId'])
export class QuantityIndexEntity {
  @PrimaryColumn({
    name: 'resource_type',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_fhir_index_quantity',
  })
  resourceType!: string;

  @PrimaryColumn({
    name: 'resource_id',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_fhir_index_quantity',
  })
  resourceId!: string;

  /** Position of the row among its resource's rows of this table: rows may repeat, a key must not. */
  @PrimaryColumn({ name: 'seq', type: 'integer', primaryKeyConstraintName: 'pk_fhir_index_quantity' })
  seq!: number;

  @Column({ name: 'code', type: 'varchar', length: 64 })
  code!: string;

  /** Ties the component rows of one composite element together (null on a parameter's own rows). */
  @Column({ name: 'composite_group', type: 'integer', nullable: true })
  compositeGroup!: number | null;

  @Column({ name: 'value', type: 'double precision', nullable: true })
  value!: number | null;

  /** The decimal as written: its precision decides the implicit range of `eq`. */
  @Column({ name: 'value_text', type: 'text', nullable: true })
  valueText!: string | null;

  @Column({ name: 'low', type: 'double precision', nullable: true })
  low!: number | null;

  @Column({ name: 'high', type: 'double precision', nullable: true })
  high!: number | null;

  @Column({ name: 'comparator', type: 'varchar', length: 2, nullable: true })
  comparator!: string | null;

  @Column({ name: 'system', type: 'text', nullable: true })
  system!: string | null;

  /** Quantity.code (e.g. UCUM `mm[Hg]`). */
  @Column({ name: 'unit_code', type: 'text', nullable: true })
  unitCode!: string | null;

  /** Quantity.unit, the human-readable unit. */
  @Column({ name: 'unit', type: 'text', nullable: true })
  unit!: string | null;

  /** The value in UCUM base units (`5.4 mg` → 0.0054), when the unit is UCUM and converts; else null. */
  @Column({ name: 'canonical_value', type: 'double precision', nullable: true })
  canonicalValue!: number | null;

  /** The UCUM base units of `canonical_value` (`g`, `g.m-3`, `1`…): equal for every commensurable unit. */
  @Column({ name: 'canonical_unit', type: 'text', nullable: true })
  canonicalUnit!: string | null;
}
