import type { ResourceToImport } from '@connector/contracts';
import { isBundleLocalReference } from './bundle-local-reference.util';
import { checkResource, isJsonObject, type CheckedResource } from './checked-resource.util';
import { entryId } from './entry-id.util';
import { ImportError } from './import-error';
import { resourceWithId } from './resource-with-id.util';
import { rewriteReferences } from './rewrite-references.util';

interface IdentifiedEntry {
  readonly index: number;
  readonly fullUrl?: string;
  readonly resource: CheckedResource;
  readonly id: string;
}

/**
 * The resources of a Bundle's entries with their stored ids, every reference to another entry's fullUrl
 * rewritten to `Type/id`. Any Bundle type is unpacked: transaction, batch and collection are the usual import
 * formats, and searchset, document, message and history bundles are treated the same way, as a set of
 * resources to store (a FHIR document is therefore stored as its parts, not as one Bundle resource).
 * See https://hl7.org/fhir/R4/http.html#trules
 */
export function prepareBundle(bundle: CheckedResource, source: string): ResourceToImport[] {
  const entries = bundle['entry'] ?? [];
  if (!Array.isArray(entries)) {
    throw new ImportError(source, 'Bundle.entry must be an array');
  }
  const identified = entries.flatMap((entry: unknown, index) =>
    isSearchOutcome(entry) ? [] : [identifyEntry(entry, index, source)],
  );
  const targets = referenceTargets(identified, source);
  return identified.map((entry) => {
    const rewritten = rewriteReferences(entry.resource, (reference) => {
      const target = targets.get(reference);
      if (target === undefined && isBundleLocalReference(reference)) {
        throw new ImportError(source, `reference "${reference}" matches no entry's fullUrl in this bundle`, {
          entryIndex: entry.index,
        });
      }
      return target;
    });
    return resourceWithId(rewritten, entry.id);
  });
}

/** A searchset's OperationOutcome about the search itself (`search.mode` outcome) is not data to store. */
function isSearchOutcome(entry: unknown): boolean {
  return isJsonObject(entry) && isJsonObject(entry['search']) && entry['search']['mode'] === 'outcome';
}

function identifyEntry(entry: unknown, index: number, source: string): IdentifiedEntry {
  const location = { entryIndex: index };
  if (!isJsonObject(entry)) {
    throw new ImportError(source, 'a Bundle entry must be a JSON object', location);
  }
  const request = entry['request'];
  const method = isJsonObject(request) ? request['method'] : undefined;
  if (method === 'DELETE') {
    throw new ImportError(source, 'DELETE entries are not supported: import only adds and updates resources', location);
  }
  if (method !== undefined && method !== 'POST' && method !== 'PUT') {
    throw new ImportError(
      source,
      `${String(method)} entries are not supported: only POST and PUT can be imported`,
      location,
    );
  }
  const fullUrl = entry['fullUrl'];
  if (fullUrl !== undefined && (typeof fullUrl !== 'string' || fullUrl === '')) {
    throw new ImportError(source, 'fullUrl must be a non-empty string', location);
  }
  if (entry['resource'] === undefined) {
    throw new ImportError(source, 'the entry has no resource', location);
  }
  const resource = checkResource(entry['resource'], source, location);
  const id = entryId({ resource, fullUrl, request }, source, location);
  return { index, fullUrl, resource, id };
}

/** fullUrl → `Type/id`; also rejects two entries with one fullUrl or one resource identity (FHIR transaction rules). */
function referenceTargets(entries: readonly IdentifiedEntry[], source: string): Map<string, string> {
  const targets = new Map<string, string>();
  const firstEntryOf = new Map<string, number>();
  const entryOfFullUrl = new Map<string, number>();
  for (const entry of entries) {
    const target = `${entry.resource.resourceType}/${entry.id}`;
    if (entry.fullUrl !== undefined) {
      const sameFullUrl = entryOfFullUrl.get(entry.fullUrl);
      if (sameFullUrl !== undefined) {
        throw new ImportError(source, `duplicate fullUrl ${entry.fullUrl} (also entry ${sameFullUrl})`, {
          entryIndex: entry.index,
        });
      }
      entryOfFullUrl.set(entry.fullUrl, entry.index);
      targets.set(entry.fullUrl, target);
    }
    const sameIdentity = firstEntryOf.get(target);
    if (sameIdentity !== undefined) {
      throw new ImportError(source, `duplicate resource ${target} (also entry ${sameIdentity})`, {
        entryIndex: entry.index,
      });
    }
    firstEntryOf.set(target, entry.index);
  }
  return targets;
}
