import { Option, type Command } from 'commander';
import {
  AuthSubjects,
  CreateClientReply,
  GRANT_TYPES,
  type CreateClientRequest,
  type GrantType,
} from '@connector/contracts';
import { withServices, type CliDeps } from '../cli-deps';

interface AddClientOptions {
  clientId: string;
  secret?: string;
  name?: string;
  scope: string[];
  grant: GrantType[];
}

/** `connector clients add`: registers an OAuth client (an app) with the auth service. */
export function registerClientsCommand(program: Command, deps: CliDeps): void {
  const clients = program.command('clients').description('Manage OAuth clients');
  clients
    .command('add')
    .description('Register an OAuth client')
    .requiredOption('--client-id <id>', 'client_id the app sends')
    .option('--secret <secret>', 'client secret (at least 8 characters); omit for a public client')
    .option('--name <name>', 'display name')
    .requiredOption('--scope <scopes...>', 'the most the client may be granted, e.g. "user/*.read patient/*.read"')
    .addOption(new Option('--grant <types...>', 'grant types it may use').choices(GRANT_TYPES).makeOptionMandatory())
    .action(async (options: AddClientOptions) => {
      const request = createClientRequest(options);
      const reply = await withServices(deps, (services) =>
        services.get('auth').request(AuthSubjects.createClient, request, CreateClientReply),
      );
      const kind = request.clientSecret === undefined ? 'public' : 'confidential';
      deps.output.out(
        `Created ${kind} client ${reply.clientId} (grants: ${request.grantTypes.join(', ')}; scopes: ${request.scopes.join(' ')})`,
      );
    });
}

/** Scopes may come as one quoted, space-separated value or as several values; either way each scope counts once. */
export function createClientRequest(options: AddClientOptions): CreateClientRequest {
  const scopes = [...new Set(options.scope.flatMap((value) => value.split(/\s+/)).filter((scope) => scope !== ''))];
  return {
    clientId: options.clientId,
    ...(options.secret === undefined ? {} : { clientSecret: options.secret }),
    ...(options.name === undefined ? {} : { name: options.name }),
    scopes,
    grantTypes: [...new Set(options.grant)],
  };
}
