import { randomUUID } from 'node:crypto';
import { configFrom } from '@connector/shared-config';
import { requireDistributedInfrastructure } from '@connector/shared-testing';
import { createEchoTestModule } from '../../testing/echo-test.module';
import { describeTransportContract, type TransportUnderTest } from '../../testing/transport-contract';
import { connectServiceClients } from '../service-clients';
import { startServiceMicroservice } from '../start-service';

describe('NATS transport', () => {
  let underTest: TransportUnderTest;

  beforeAll(async () => {
    const { natsUrl } = await requireDistributedInfrastructure();
    const prefix = `t${randomUUID().slice(0, 8)}`;
    const config = configFrom({ NATS_URL: natsUrl, SERVICE_TIMEOUT_MS: '500' });
    const service = await startServiceMicroservice(createEchoTestModule(prefix), 'chart', config);
    const clients = await connectServiceClients(config);
    underTest = { clients, service, prefix, timeoutMs: config.serviceTimeoutMs };
  });

  afterAll(async () => {
    await underTest?.clients.close();
    await underTest?.service.close();
  });

  describeTransportContract(() => underTest);
});
