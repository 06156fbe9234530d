import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { INDEX_VALUE_TYPES, type IndexValueType, SEARCH_INDEX_TABLES } from './index-tables/search-index.tables';
import { ResourceVersionEntity } from './resource-version.entity';
import { ResourceEntity } from './resource.entity';
import type { StoreSqlDialect } from './resource-store.statements';
import { indexColumnNames } from './search-index.statements';

/** The SQL dialect of an initialized DataSource: table names from its entity metadata, its placeholder style. */
export function storeDialect(dataSource: DataSource): StoreSqlDialect {
  const postgres = dataSource.options.type === 'postgres';
  return {
    resourceTable: tablePath(dataSource, ResourceEntity),
    versionTable: tablePath(dataSource, ResourceVersionEntity),
    indexTables: Object.fromEntries(
      INDEX_VALUE_TYPES.map((type) => [type, tablePath(dataSource, SEARCH_INDEX_TABLES[type].entity)]),
    ) as Record<IndexValueType, string>,
    placeholder: postgres ? (index) => `$${index + 1}` : () => '?',
    // Sorted locks: two imports touching the same resources queue instead of deadlocking.
    lockClause: postgres ? ' ORDER BY "id" FOR UPDATE' : '',
    ...(postgres ? { indexColumnTypes: indexColumnTypes(dataSource) } : {}),
  };
}

/** Each index table's column types as PostgreSQL names them, in SearchIndexStatements' insert order. */
function indexColumnTypes(dataSource: DataSource): Record<IndexValueType, string[]> {
  return Object.fromEntries(
    INDEX_VALUE_TYPES.map((type) => {
      const columns = dataSource.getMetadata(SEARCH_INDEX_TABLES[type].entity).columns;
      const typeOf = (name: string) => {
        const column = columns.find((candidate) => candidate.databaseName === name);
        if (column === undefined) {
          throw new Error(`fhir_index_${type} has no column ${name}`);
        }
        return dataSource.driver.normalizeType(column);
      };
      return [type, indexColumnNames(type).map(typeOf)];
    }),
  ) as Record<IndexValueType, string[]>;
}

function tablePath(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): string {
  const { schema, tableName } = dataSource.getMetadata(entity);
  const parts = schema ? [schema, tableName] : [tableName];
  return parts.map((part) => dataSource.driver.escape(part)).join('.');
}
