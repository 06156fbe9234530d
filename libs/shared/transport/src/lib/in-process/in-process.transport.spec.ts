import { randomUUID } from 'node:crypto';
import { configFrom } from '@connector/shared-config';
import { createEchoTestModule } from '../../testing/echo-test.module';
import { describeTransportContract, type TransportUnderTest } from '../../testing/transport-contract';
import { connectServiceClients } from '../service-clients';
import { startServiceMicroservice } from '../start-service';
import { InProcessBus } from './in-process-bus';
import { InProcessServer } from './in-process.server';

describe(InProcessServer.name, () => {
  let underTest: TransportUnderTest;

  beforeAll(async () => {
    const prefix = `t${randomUUID().slice(0, 8)}`;
    const config = configFrom({ NATS_URL: undefined, SERVICE_TIMEOUT_MS: '300' });
    const bus = new InProcessBus();
    const service = await startServiceMicroservice(createEchoTestModule(prefix), 'chart', config, bus);
    const clients = await connectServiceClients(config, bus);
    underTest = { clients, service, prefix, timeoutMs: config.serviceTimeoutMs };
  });

  afterAll(async () => {
    await underTest.clients.close();
    await underTest.service.close();
  });

  describeTransportContract(() => underTest);

  it('stops answering once the service is closed (like a NATS subject with no responders)', async () => {
    const bus = new InProcessBus();
    const config = configFrom({ NATS_URL: undefined, SERVICE_TIMEOUT_MS: '300' });
    const service = await startServiceMicroservice(createEchoTestModule('closing'), 'chart', config, bus);
    const clients = await connectServiceClients(config, bus);
    await service.close();
    await expect(clients.get('chart').request('closing.echo.send', { text: 'x', delayMs: 0 }, Object)).rejects.toMatchObject({
      status: 503,
    });
  });
});
