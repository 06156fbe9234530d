import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every version ever stored of every resource (the current one included), for `_history`. */
@Entity({ name: 'fhir_resource_version' })
export class ResourceVersionEntity {
  @PrimaryColumn({
    name: 'resource_type',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_fhir_resource_version',
  })
  resourceType!: string;

  @PrimaryColumn({ name: 'id', type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_fhir_resource_version' })
  id!: string;

  @PrimaryColumn({ name: 'version_id', type: 'integer', primaryKeyConstraintName: 'pk_fhir_resource_version' })
  versionId!: number;

  @Column({ name: 'last_updated', type: 'varchar', length: 30 })
  lastUpdated!: string;

  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ name: 'content', type: 'text' })
  content!: string;
}
