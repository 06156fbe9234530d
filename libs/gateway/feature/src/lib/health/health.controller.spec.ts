import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthSubjects, ChartSubjects, PracticeSubjects, TerminologySubjects } from '@connector/contracts';
import { configFrom } from '@connector/shared-config';
import { type FakeHandler, FakeServiceClients } from '../../testing/fake-service-clients';
import { createGatewayApp } from '../gateway-app.factory';
import { HealthController } from './health.controller';

const up =
  (service: string): FakeHandler =>
  () => ({ service, database: 'up' });

describe(HealthController.name, () => {
  let app: NestFastifyApplication;
  let clients: FakeServiceClients;

  beforeAll(async () => {
    clients = new FakeServiceClients();
    app = await createGatewayApp(configFrom({ SERVICE_TIMEOUT_MS: '200' }), clients.asServiceClients());
  });

  beforeEach(() => {
    Object.assign(clients.handlers, {
      [AuthSubjects.health]: up('auth'),
      [ChartSubjects.health]: up('chart'),
      [PracticeSubjects.health]: up('practice'),
      [TerminologySubjects.health]: up('terminology'),
    });
  });

  afterAll(async () => {
    await app.close();
  });

  describe('ready', () => {
    it.each(['/health', '/health/ready'])('answers %s 200 when every service and database is up', async (url) => {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        status: 'ok',
        checks: {
          auth: { status: 'up', database: 'up' },
          chart: { status: 'up', database: 'up' },
          practice: { status: 'up', database: 'up' },
          terminology: { status: 'up', database: 'up' },
        },
      });
    });

    it('answers 503 when a database is down', async () => {
      clients.handlers[ChartSubjects.health] = () => ({ service: 'chart', database: 'down' });
      const response = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        status: 'unavailable',
        checks: { chart: { status: 'up', database: 'down' } },
      });
    });

    it('answers 503 when a service does not answer', async () => {
      delete clients.handlers[AuthSubjects.health];
      const response = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ checks: { auth: { status: 'down', database: 'unknown' } } });
    });

    it('gives up on a hanging service within the timeout', async () => {
      clients.handlers[TerminologySubjects.health] = () => new Promise<object>(() => undefined);
      const started = Date.now();
      const response = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(Date.now() - started).toBeLessThan(1500);
      expect(response.json()).toMatchObject({ checks: { terminology: { status: 'down' } } });
    });
  });

  describe('live', () => {
    it('answers 200 even when services are down', async () => {
      delete clients.handlers[AuthSubjects.health];
      const response = await app.inject({ method: 'GET', url: '/health/live' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ok', checks: {} });
    });
  });
});
