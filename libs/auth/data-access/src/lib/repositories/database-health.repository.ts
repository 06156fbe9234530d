import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Asks the auth database whether it answers, for the service's health check. */
@Injectable()
export class DatabaseHealthRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Resolves when `SELECT 1` succeeds; rejects with the driver's error otherwise. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
