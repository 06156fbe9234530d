import type { ResourceToImport } from '@connector/contracts';
import { checkResource } from './checked-resource.util';
import { ImportError } from './import-error';
import { preparedImport, type PreparedImport } from './prepared-import';
import { prepareStandalone } from './prepare-standalone';

/**
 * Prepares newline-delimited JSON (one resource per line, as FHIR Bulk Data writes it) for import. A Bundle on a
 * line is stored as a Bundle resource, not unpacked. Errors name the 1-based line.
 * See https://hl7.org/fhir/uv/bulkdata/export.html#file-format
 */
export function prepareNdjson(text: string, source: string): PreparedImport {
  const resources: ResourceToImport[] = [];
  const lineOf = new Map<string, number>();
  text.split(/\r?\n/).forEach((content, index) => {
    const line = index + 1;
    if (content.trim() === '') {
      return;
    }
    const resource = prepareStandalone(checkResource(parseLine(content, source, line), source, { line }), source, {
      line,
    });
    const identity = `${resource.resourceType}/${resource.id}`;
    const sameIdentity = lineOf.get(identity);
    if (sameIdentity !== undefined) {
      throw new ImportError(source, `duplicate resource ${identity} (also line ${sameIdentity})`, { line });
    }
    lineOf.set(identity, line);
    resources.push(resource);
  });
  return preparedImport(source, resources);
}

function parseLine(content: string, source: string, line: number): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    throw new ImportError(source, `invalid JSON: ${(error as Error).message}`, { line });
  }
}
