import { Injectable } from '@nestjs/common';
import { type UserEntity, UserRepository } from '@connector/auth-data-access';
import { verifySecret } from '../secrets/secret-hash.util';

/**
 * A bcrypt hash of a random value nobody knows: checked when the username does not exist, so that a wrong
 * username takes as long as a wrong password and response times do not reveal which usernames exist.
 */
const UNKNOWN_USER_HASH = '$2b$10$/AJaFqm5b6UaX49Grj.ccehYowzO1KQJv6HdwRqhp1UHo55agKZP.';

/** Checks a username and password, for the password grant and the login page alike. */
@Injectable()
export class UserCredentialsService {
  constructor(private readonly users: UserRepository) {}

  /** The user if the password is right; null for a wrong password or an unknown username (same timing). */
  async verify(username: string, password: string): Promise<UserEntity | null> {
    const user = await this.users.findByUsername(username);
    const matches = await verifySecret(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    return user && matches ? user : null;
  }
}
