import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { ResourceVersionEntity } from './resource-version.entity';
import { ResourceEntity } from './resource.entity';
import type { StoreSqlDialect } from './resource-store.statements';

/** The SQL dialect of an initialized DataSource: table names from its entity metadata, its placeholder style. */
export function storeDialect(dataSource: DataSource): StoreSqlDialect {
  const postgres = dataSource.options.type === 'postgres';
  return {
    resourceTable: tablePath(dataSource, ResourceEntity),
    versionTable: tablePath(dataSource, ResourceVersionEntity),
    placeholder: postgres ? (index) => `$${index + 1}` : () => '?',
    // Sorted locks: two imports touching the same resources queue instead of deadlocking.
    lockClause: postgres ? ' ORDER BY "id" FOR UPDATE' : '',
  };
}

function tablePath(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): string {
  const { schema, tableName } = dataSource.getMetadata(entity);
  const parts = schema ? [schema, tableName] : [tableName];
  return parts.map((part) => dataSource.driver.escape(part)).join('.');
}
