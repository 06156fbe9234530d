import pino, { type Logger } from 'pino';
import { loadConfig } from '@connector/shared-config';
import { requestContext } from './request-context';

let root: Logger | undefined;

/** The process's root pino logger; every line carries the current request id when there is one. */
export function rootLogger(): Logger {
  root ??= pino({
    level: configuredLevel(),
    base: { pid: process.pid },
    mixin: () => {
      const requestId = requestContext.requestId();
      return requestId === undefined ? {} : { requestId };
    },
    redact: { paths: ['password', 'client_secret', 'privateKey', '*.password', '*.client_secret', '*.privateKey'], remove: true },
  });
  return root;
}

/** A logger for one class or module: `createLogger(MyService.name)`. */
export function createLogger(context: string): Logger {
  return rootLogger().child({ context });
}

/** Logging must work even while the configuration is invalid (to report exactly that), so fall back to info. */
function configuredLevel(): string {
  try {
    return loadConfig().logLevel;
  } catch {
    return 'info';
  }
}
