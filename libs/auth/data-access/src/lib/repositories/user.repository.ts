import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEntity } from '../entities/user.entity';
import { isUniqueViolation } from './unique-violation.util';

/** Reads and adds users. */
@Injectable()
export class UserRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username });
  }

  /** Adds the user unless the username is taken; false when it is (decided by the primary key, so race-free). */
  async insertIfAbsent(user: UserEntity): Promise<boolean> {
    try {
      await this.users.insert(user);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) {
        return false;
      }
      throw error;
    }
  }
}
