import type { QueryRunner } from 'typeorm';

/** The service's own schema, quoted: TypeORM does not set search_path, so every statement must name it. */
export function schemaOf(queryRunner: QueryRunner): string {
  const schema = queryRunner.connection.driver.schema ?? 'public';
  return `"${schema.replace(/"/g, '""')}"`;
}
