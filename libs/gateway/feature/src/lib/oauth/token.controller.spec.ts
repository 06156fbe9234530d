import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthSubjects, IssueTokenRequest, type OAuthHttpReply } from '@connector/contracts';
import { configFrom } from '@connector/shared-config';
import { FakeServiceClients } from '../../testing/fake-service-clients';
import { createGatewayApp } from '../gateway-app.factory';
import { TokenController } from './token.controller';

const FORM = 'application/x-www-form-urlencoded';
const BASIC = `Basic ${Buffer.from('app:s3cret').toString('base64')}`;
const GRANTED: OAuthHttpReply = {
  status: 200,
  body: { access_token: 'eyJ.token', token_type: 'Bearer', expires_in: 3600, scope: 'user/*.read' },
};

describe(TokenController.name, () => {
  let app: NestFastifyApplication;
  let clients: FakeServiceClients;
  let answer: OAuthHttpReply;

  beforeAll(async () => {
    clients = new FakeServiceClients({ [AuthSubjects.issueToken]: () => answer });
    app = await createGatewayApp(configFrom({}), clients.asServiceClients());
  });

  beforeEach(() => {
    clients.calls.length = 0;
    answer = GRANTED;
  });

  afterAll(async () => {
    await app.close();
  });

  const post = (payload: string, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/oauth/token', payload, headers });

  describe('token', () => {
    it('forwards the form as strings and the Basic header, under the request id', async () => {
      await post('grant_type=password&username=ann&password=p+w%26rd&scope=user%2F*.read', {
        'content-type': `${FORM}; charset=UTF-8`,
        authorization: BASIC,
        'x-request-id': 'tok-1',
      });
      const [call] = clients.callsTo(AuthSubjects.issueToken);
      expect(call.payload).toBeInstanceOf(IssueTokenRequest);
      expect(call.payload).toEqual({
        form: { grant_type: 'password', username: 'ann', password: 'p w&rd', scope: 'user/*.read' },
        authorization: BASIC,
        clientIp: '127.0.0.1',
        // No CONNECTOR_BASE_URL: the origin the request reached (light-my-request's Host).
        endpointUrl: 'http://localhost:80/oauth/token',
      });
      expect(call.requestId).toBe('tok-1');
    });

    it("writes the auth service's status, headers and JSON body, never cacheable", async () => {
      const response = await post('grant_type=password', { 'content-type': FORM });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.json()).toEqual(GRANTED.body);
    });

    it("writes the auth service's OAuth error answer as it is", async () => {
      answer = {
        status: 401,
        body: { error: 'invalid_client' },
        headers: { 'www-authenticate': 'Basic realm="connector"' },
      };
      const response = await post('grant_type=password', { 'content-type': FORM, authorization: 'Basic Zm9vOmJhcg==' });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Basic realm="connector"');
      expect(response.json()).toEqual({ error: 'invalid_client' });
    });

    it.each([
      ['application/json', '{"grant_type":"password"}'],
      ['text/plain', 'grant_type=password'],
    ])('refuses a %s body with invalid_request without asking the auth service', async (contentType, payload) => {
      const response = await post(payload, { 'content-type': contentType });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_request' });
      expect(clients.calls).toHaveLength(0);
    });

    it('refuses a repeated parameter (RFC 6749 §3.2)', async () => {
      const response = await post('grant_type=password&scope=a&scope=b', { 'content-type': FORM });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_request' });
    });

    it('keeps a field named __proto__ a plain field', async () => {
      await post('grant_type=password&__proto__=x', { 'content-type': FORM });
      const payload = clients.calls[0].payload as IssueTokenRequest;
      expect(Object.getOwnPropertyDescriptor(payload.form, '__proto__')?.value).toBe('x');
    });

    it('answers 503 OperationOutcome when the auth service is down', async () => {
      delete clients.handlers[AuthSubjects.issueToken];
      const response = await post('grant_type=password', { 'content-type': FORM });
      clients.handlers[AuthSubjects.issueToken] = () => answer;
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ resourceType: 'OperationOutcome' });
    });
  });
});
