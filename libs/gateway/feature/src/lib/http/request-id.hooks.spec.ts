import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthSubjects } from '@connector/contracts';
import { configFrom } from '@connector/shared-config';
import { FakeServiceClients } from '../../testing/fake-service-clients';
import { createGatewayApp } from '../gateway-app.factory';
import { registerRequestIdHooks } from './request-id.hooks';

/** POSTs a form over a real socket, sending the body in two chunks 50 ms apart. */
function postSlowly(port: number, requestId: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': requestId };
    const request = httpRequest(
      { host: '127.0.0.1', port, method: 'POST', path: '/oauth/token', headers },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.headers['x-request-id'] as string | undefined));
      },
    );
    request.on('error', reject);
    request.write('grant_type=');
    setTimeout(() => request.end('password'), 50);
  });
}

describe(registerRequestIdHooks.name, () => {
  let app: NestFastifyApplication;
  let clients: FakeServiceClients;

  beforeAll(async () => {
    clients = new FakeServiceClients({ [AuthSubjects.issueToken]: () => ({ status: 200, body: {} }) });
    app = await createGatewayApp(configFrom({}), clients.asServiceClients());
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
  });

  it('keeps the request context into the handler while a body streams in', async () => {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const echoed = await postSlowly(port, 'slow-1');
    expect(echoed).toBe('slow-1');
    expect(clients.callsTo(AuthSubjects.issueToken).map((call) => call.requestId)).toEqual(['slow-1']);
  });
});
