import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import {
  AuthSubjects,
  CreateClientReply,
  GRANT_TYPES,
  LAUNCH_TYPES,
  type CreateClientRequest,
  type GrantType,
  type LaunchType,
} from '@connector/contracts';
import { withServices, type CliDeps } from '../cli-deps';
import { publicJwksText } from './public-jwks.util';

interface AddClientOptions {
  clientId: string;
  secret?: string;
  name?: string;
  scope: string[];
  grant: GrantType[];
  redirectUri?: string[];
  launchType?: LaunchType[];
  jwksFile?: string;
  jwksUri?: string;
}

/** `connector clients add`: registers an OAuth client (an app) with the auth service. */
export function registerClientsCommand(program: Command, deps: CliDeps): void {
  const clients = program.command('clients').description('Manage OAuth clients');
  clients
    .command('add')
    .description('Register an OAuth client')
    .requiredOption('--client-id <id>', 'client_id the app sends')
    .option('--secret <secret>', 'client secret (at least 8 characters); omit for a public or private_key_jwt client')
    .option('--name <name>', 'display name')
    .requiredOption('--scope <scopes...>', 'the most the client may be granted, e.g. "user/*.read patient/*.read"')
    .addOption(new Option('--grant <types...>', 'grant types it may use').choices(GRANT_TYPES).makeOptionMandatory())
    .option('--redirect-uri <uris...>', 'exact redirect URIs for the authorization code flow')
    .addOption(new Option('--launch-type <types...>', 'SMART launch types it supports').choices(LAUNCH_TYPES))
    .option('--jwks-file <path>', 'JWK Set (JSON) with the public keys of a private_key_jwt client')
    .option('--jwks-uri <url>', 'where a private_key_jwt client publishes its JWK Set')
    .action(async (options: AddClientOptions) => {
      const jwks = options.jwksFile === undefined ? undefined : await readJwksFile(options.jwksFile, deps.cwd);
      const request = createClientRequest(options, jwks);
      const reply = await withServices(deps, (services) =>
        services.get('auth').request(AuthSubjects.createClient, request, CreateClientReply),
      );
      deps.output.out(
        `Created ${clientKind(request)} client ${reply.clientId} (grants: ${request.grantTypes.join(', ')}; scopes: ${request.scopes.join(' ')})`,
      );
    });
}

/**
 * Scopes may come as one quoted, space-separated value or as several values; either way each scope counts once.
 * `jwks` is the checked JWK Set text of `--jwks-file`. Throws for combinations the server could never honour.
 */
export function createClientRequest(options: AddClientOptions, jwks?: string): CreateClientRequest {
  checkAuthenticationMethod(options, jwks);
  const scopes = [...new Set(options.scope.flatMap((value) => value.split(/\s+/)).filter((scope) => scope !== ''))];
  return {
    clientId: options.clientId,
    ...(options.secret === undefined ? {} : { clientSecret: options.secret }),
    ...(options.name === undefined ? {} : { name: options.name }),
    scopes,
    grantTypes: [...new Set(options.grant)],
    ...(options.redirectUri === undefined ? {} : { redirectUris: [...new Set(options.redirectUri)] }),
    ...(options.launchType === undefined ? {} : { launchTypes: [...new Set(options.launchType)] }),
    ...(jwks === undefined ? {} : { jwks }),
    ...(options.jwksUri === undefined ? {} : { jwksUri: options.jwksUri }),
  };
}

/**
 * A client authenticates one way: a secret, or keys (inline or by URL), or not at all (public). RFC 6749 §4.4: only
 * a client that can authenticate may use `client_credentials`.
 */
function checkAuthenticationMethod(options: AddClientOptions, jwks: string | undefined): void {
  const hasKeys = jwks !== undefined || options.jwksUri !== undefined;
  if (jwks !== undefined && options.jwksUri !== undefined) {
    throw new Error('Give either --jwks-file or --jwks-uri, not both');
  }
  if (hasKeys && options.secret !== undefined) {
    throw new Error('A client authenticates either with --secret or with keys (--jwks-file/--jwks-uri), not both');
  }
  if (options.grant.includes('client_credentials') && !hasKeys && options.secret === undefined) {
    throw new Error(
      'The client_credentials grant needs a confidential client: give --jwks-file, --jwks-uri or --secret',
    );
  }
}

async function readJwksFile(path: string, cwd: string): Promise<string> {
  const text = await readFile(resolve(cwd, path), 'utf8');
  return publicJwksText(text, path);
}

function clientKind(request: CreateClientRequest): string {
  if (request.jwks !== undefined || request.jwksUri !== undefined) {
    return 'confidential (private_key_jwt)';
  }
  return request.clientSecret === undefined ? 'public' : 'confidential';
}
