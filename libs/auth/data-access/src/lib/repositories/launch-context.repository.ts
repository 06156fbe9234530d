import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { LaunchContextEntity } from '../entities/launch-context.entity';

/** EHR launch contexts, looked up by the opaque `launch` value an app brings to the authorize endpoint. */
@Injectable()
export class LaunchContextRepository {
  constructor(@InjectRepository(LaunchContextEntity) private readonly launches: Repository<LaunchContextEntity>) {}

  async insert(launch: LaunchContextEntity): Promise<void> {
    await this.launches.insert(launch);
  }

  findById(id: string): Promise<LaunchContextEntity | null> {
    return this.launches.findOneBy({ id });
  }

  /** Removes rows whose `expiresAt` (ISO instant) is before `now`. */
  async deleteExpired(now: string): Promise<void> {
    await this.launches.delete({ expiresAt: LessThan(now) });
  }
}
