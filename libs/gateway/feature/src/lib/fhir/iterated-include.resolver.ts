import {
  type AccessContext,
  type ForeignIncludes,
  IncludeFromReply,
  IncludeFromRequest,
  owningService,
  RESOURCE_SERVICE_SUBJECTS,
  type ResourceServiceName,
} from '@connector/contracts';
import type { ServiceClients } from '@connector/shared-transport';
import { resolveForeignIncludes } from './foreign-include.resolver';
import { resourceIdentity } from './resource-identity.util';

/** Rounds of cross-service `:iterate` after the searched service's own; the same bound as inside a store. */
export const MAX_CROSS_SERVICE_ROUNDS = 5;

const ITERATE_PARAMETER = /^_(rev)?include:(iterate|recurse)$/;

/** What one search's include work starts from. */
export interface IncludeWork {
  readonly resourceType: string;
  readonly searchedService: ResourceServiceName;
  /** The searched service's matches and its own includes (JSON texts): never included twice. */
  readonly known: readonly string[];
  readonly foreign?: ForeignIncludes;
  /** The search's accepted parameters; the `:iterate` include ones are handed on to the other services. */
  readonly canonicalParams: readonly (readonly [string, string])[];
  readonly access: AccessContext;
}

/**
 * Resolves the include work a service left to others, and keeps `:iterate` going across services: resources that
 * one service's work brought in are handed, with the search's `:iterate` directives, to the service that owns them
 * (one request per service per round), whose own foreign work feeds the next round. Each resource once.
 * See https://hl7.org/fhir/R4/search.html#include
 */
export async function resolveIncludesAcrossServices(clients: ServiceClients, work: IncludeWork): Promise<string[]> {
  const iterateParams = work.canonicalParams
    .filter(([name]) => ITERATE_PARAMETER.test(name))
    .map(([name, value]): [string, string] => [name, value]);
  const seen = new Set(work.known.map(keyOf));
  const included: string[] = [];
  const take = (texts: readonly string[]) =>
    texts.filter((text) => {
      const key = keyOf(text);
      const fresh = !seen.has(key);
      seen.add(key);
      if (fresh) {
        included.push(text);
      }
      return fresh;
    });
  let pending: [ResourceServiceName, ForeignIncludes][] = work.foreign ? [[work.searchedService, work.foreign]] : [];
  for (let round = 0; round <= MAX_CROSS_SERVICE_ROUNDS && pending.length > 0; round++) {
    const fetched = await Promise.all(
      pending.map(([origin, foreign]) => resolveForeignIncludes(clients, origin, foreign, work.access)),
    );
    const fresh = take(fetched.flat());
    if (iterateParams.length === 0 || fresh.length === 0) {
      break;
    }
    const continued = await Promise.all(
      [...groupByService(fresh)].map(async ([service, frontier]) => {
        const payload = Object.assign(new IncludeFromRequest(), {
          resourceType: work.resourceType,
          params: iterateParams,
          frontier,
          access: work.access,
        });
        const subject = RESOURCE_SERVICE_SUBJECTS[service].includeFromResources;
        const reply = await clients.get(service).request(subject, payload, IncludeFromReply);
        return [service, reply] as const;
      }),
    );
    pending = [];
    for (const [service, reply] of continued) {
      take(reply.included);
      if (reply.foreign !== undefined) {
        pending.push([service, reply.foreign]);
      }
    }
  }
  return included;
}

function keyOf(text: string): string {
  const { resourceType, id } = resourceIdentity(text);
  return `${resourceType}/${id}`;
}

function groupByService(texts: readonly string[]): Map<ResourceServiceName, string[]> {
  const groups = new Map<ResourceServiceName, string[]>();
  for (const text of texts) {
    const key = keyOf(text);
    const service = owningService(key.split('/')[0]);
    if (service !== undefined) {
      groups.set(service, [...(groups.get(service) ?? []), key]);
    }
  }
  return groups;
}
