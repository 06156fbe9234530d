import type { Command } from 'commander';
import {
  owningService,
  RESOURCE_SERVICE_NAMES,
  RESOURCE_SERVICE_SUBJECTS,
  ReindexResourcesReply,
  type ReindexResourcesRequest,
  type ResourceServiceName,
} from '@connector/contracts';
import type { CliClients } from '../cli-clients';
import { withServices, type CliDeps } from '../cli-deps';

interface ReindexOptions {
  type?: string;
}

/**
 * `connector reindex [--type T]`: rebuilds the search index rows from the stored resources, after an upgrade that
 * changed the search parameter definitions. Each service is driven request after request (each one a time-boxed
 * batch of chunks) until it reports nothing left, with a progress line per request.
 */
export function registerReindexCommand(program: Command, deps: CliDeps): void {
  program
    .command('reindex')
    .description('Rebuild the search indexes from the stored resources (after search parameter definitions change)')
    .option('--type <resourceType>', 'only this resource type')
    .action(async (options: ReindexOptions) => {
      const services = servicesToReindex(options.type);
      const totals = await withServices(deps, async (clients) => {
        const done: [ResourceServiceName, number][] = [];
        for (const service of services) {
          done.push([service, await reindexService(clients, service, options.type, deps)]);
        }
        return done;
      });
      const total = totals.reduce((sum, [, count]) => sum + count, 0);
      deps.output.out(
        `Re-indexed ${total} resources (${totals.map(([name, count]) => `${name} ${count}`).join(', ')})`,
      );
    });
}

function servicesToReindex(resourceType: string | undefined): readonly ResourceServiceName[] {
  if (resourceType === undefined) {
    return RESOURCE_SERVICE_NAMES;
  }
  const owner = owningService(resourceType);
  if (owner === undefined) {
    throw new Error(`${resourceType} is not an R4 resource type`);
  }
  return [owner];
}

async function reindexService(
  clients: CliClients,
  service: ResourceServiceName,
  resourceType: string | undefined,
  deps: CliDeps,
): Promise<number> {
  const subject = RESOURCE_SERVICE_SUBJECTS[service].reindexResources;
  let reindexed = 0;
  let request: ReindexResourcesRequest = resourceType === undefined ? {} : { resourceType };
  for (;;) {
    const reply = await clients.get(service).request(subject, request, ReindexResourcesReply);
    reindexed += reply.reindexed;
    if (reply.next === undefined) {
      return reindexed;
    }
    deps.output.out(`${service}: ${reindexed} re-indexed, now at ${reply.next.resourceType}`);
    request = { ...request, from: reply.next };
  }
}
