import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditEventEntity } from '../entities/audit-event.entity';

/** The append-only audit trail of authentication and authorization events. */
@Injectable()
export class AuditEventRepository {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  async insert(event: AuditEventEntity): Promise<void> {
    await this.events.insert(event);
  }

  /** The newest events first. */
  findRecent(limit: number): Promise<AuditEventEntity[]> {
    return this.events.find({ order: { at: 'DESC', id: 'DESC' }, take: limit });
  }
}
