import { Injectable } from '@nestjs/common';
import { UserEntity, UserRepository } from '@connector/auth-data-access';
import type { CreateUserReply, CreateUserRequest } from '@connector/contracts';
import { FhirError, operationOutcome } from '@connector/fhir-outcomes';
import { hashSecret } from '../secrets/secret-hash.util';

/** Adds users (from the CLI or demo-data seeding). */
@Injectable()
export class UserAdminService {
  constructor(private readonly users: UserRepository) {}

  /** Stores the user with a bcrypt hash of the password; 409 when the username is taken. */
  async createUser(request: CreateUserRequest): Promise<CreateUserReply> {
    const user = new UserEntity();
    user.username = request.username;
    user.passwordHash = await hashSecret(request.password);
    user.role = request.role;
    user.fhirUser = request.fhirUser ?? null;
    user.patientIds = request.patientIds ?? [];
    user.createdAt = new Date().toISOString();
    if (!(await this.users.insertIfAbsent(user))) {
      throw new FhirError(409, operationOutcome('error', 'duplicate', `User ${request.username} already exists`));
    }
    return { username: user.username, role: user.role };
  }
}
