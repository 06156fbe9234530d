import type { CliClients, OpenedServices } from './cli-clients';
import type { CliOutput } from './output/cli-output';

/** Everything a command touches outside itself, injected so specs can run commands against fakes. */
export interface CliDeps {
  readonly output: CliOutput;
  /** Connects to (or starts) the services; called only by commands that need them. */
  readonly openServices: () => Promise<OpenedServices>;
  /** Directory that relative import paths start from. */
  readonly cwd: string;
  readonly now: () => number;
}

/** Runs `work` with service clients and always shuts the services down afterwards. */
export async function withServices<T>(deps: CliDeps, work: (clients: CliClients) => Promise<T>): Promise<T> {
  const services = await deps.openServices();
  try {
    return await work(services.clients);
  } finally {
    await services.close();
  }
}
