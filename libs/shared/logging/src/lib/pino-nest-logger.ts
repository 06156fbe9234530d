import type { LoggerService } from '@nestjs/common';
import { rootLogger } from './logger';

/** Routes Nest's own log lines (bootstrap, route mapping, exceptions) through pino. */
export class PinoNestLogger implements LoggerService {
  log(message: unknown, context?: string): void {
    rootLogger().info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    rootLogger().error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    rootLogger().warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    rootLogger().debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    rootLogger().trace({ context }, String(message));
  }
}
