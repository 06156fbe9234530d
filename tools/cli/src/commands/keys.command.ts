import type { Command } from 'commander';
import { AuthSubjects, RotateSigningKeyReply, RotateSigningKeyRequest } from '@connector/contracts';
import { withServices, type CliDeps } from '../cli-deps';

/** `connector keys rotate`: the auth service signs with a new key from now on; the old one keeps verifying. */
export function registerKeysCommand(program: Command, deps: CliDeps): void {
  const keys = program.command('keys').description('Manage token signing keys');
  keys
    .command('rotate')
    .description('Start signing tokens with a new key (tokens signed with the old key stay valid until they expire)')
    .action(async () => {
      const reply = await withServices(deps, (clients) =>
        clients
          .get('auth')
          .request(AuthSubjects.rotateSigningKey, new RotateSigningKeyRequest(), RotateSigningKeyReply),
      );
      deps.output.out(`Signing with key ${reply.kid}${reply.previousKid ? ` (was ${reply.previousKid})` : ''}`);
    });
}
