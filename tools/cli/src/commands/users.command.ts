import { Option, type Command } from 'commander';
import { AuthSubjects, CreateUserReply, USER_ROLES, type CreateUserRequest, type UserRole } from '@connector/contracts';
import { withServices, type CliDeps } from '../cli-deps';

interface AddUserOptions {
  username: string;
  password: string;
  role: UserRole;
  fhirUser?: string;
  patient?: string[];
}

/** `connector users add`: creates a login for a person (the auth service validates and hashes). */
export function registerUsersCommand(program: Command, deps: CliDeps): void {
  const users = program.command('users').description('Manage user accounts');
  users
    .command('add')
    .description('Create a user account')
    .requiredOption('--username <username>', 'login name')
    .requiredOption('--password <password>', 'initial password (at least 4 characters)')
    .addOption(new Option('--role <role>', 'what the user is').choices(USER_ROLES).makeOptionMandatory())
    .option('--fhir-user <reference>', 'the FHIR resource the user is, e.g. Practitioner/123')
    .option('--patient <ids...>', 'ids of the Patients the user may act for')
    .action(async (options: AddUserOptions) => {
      const reply = await withServices(deps, (clients) =>
        clients.get('auth').request(AuthSubjects.createUser, createUserRequest(options), CreateUserReply),
      );
      deps.output.out(`Created user ${reply.username} (${reply.role})`);
    });
}

export function createUserRequest(options: AddUserOptions): CreateUserRequest {
  return {
    username: options.username,
    password: options.password,
    role: options.role,
    ...(options.fhirUser === undefined ? {} : { fhirUser: options.fhirUser }),
    ...(options.patient === undefined ? {} : { patientIds: options.patient }),
  };
}
