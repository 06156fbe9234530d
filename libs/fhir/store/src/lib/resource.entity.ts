import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The current version of every stored resource, whatever its type: one generic table (HAPI's HFJ_RESOURCE,
 * Medplum's repository) instead of one entity per resource type. `content` is the full resource JSON as served.
 */
@Entity({ name: 'fhir_resource' })
export class ResourceEntity {
  @PrimaryColumn({ name: 'resource_type', type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_fhir_resource' })
  resourceType!: string;

  @PrimaryColumn({ name: 'id', type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_fhir_resource' })
  id!: string;

  @Column({ name: 'version_id', type: 'integer' })
  versionId!: number;

  /** ISO instant with milliseconds; our own column because SQLite's CreateDateColumn keeps only seconds. */
  @Column({ name: 'last_updated', type: 'varchar', length: 30 })
  lastUpdated!: string;

  /** sha256 of the canonical JSON without meta.versionId/lastUpdated: an identical re-import keeps its version. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ name: 'content', type: 'text' })
  content!: string;
}
