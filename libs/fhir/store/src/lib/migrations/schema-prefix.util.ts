import type { QueryRunner } from 'typeorm';

/**
 * `"schema".` for the connection's schema, or '' when it has none: TypeORM sets no search_path, so PostgreSQL
 * migrations qualify every name (each service owns a schema of a shared database).
 */
export function schemaPrefix(queryRunner: QueryRunner): string {
  const schema = queryRunner.connection.driver.schema;
  return schema ? `${queryRunner.connection.driver.escape(schema)}.` : '';
}
