import {
  InvalidArgumentError,
  InvalidClientError,
  InvalidGrantError,
  ServerError,
  UnauthorizedClientError,
} from '@node-oauth/oauth2-server';
import { oauthErrorReply } from './oauth-error-reply.util';

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

describe(oauthErrorReply.name, () => {
  it('answers a protocol error with 400 and its code and description', () => {
    expect(oauthErrorReply(new InvalidGrantError('Invalid grant: user credentials are invalid'))).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid grant: user credentials are invalid' },
      headers: NO_STORE,
    });
  });

  it('answers invalid_client with 401 and a Basic challenge', () => {
    expect(oauthErrorReply(new InvalidClientError('Invalid client: client is invalid'))).toEqual({
      status: 401,
      body: { error: 'invalid_client', error_description: 'Invalid client: client is invalid' },
      headers: { ...NO_STORE, 'WWW-Authenticate': 'Basic realm="connector"' },
    });
  });

  it('keeps unauthorized_client for an implemented grant the client may not use', () => {
    expect(oauthErrorReply(new UnauthorizedClientError('no')).body['error']).toBe('unauthorized_client');
  });

  it.each([
    ['a plain error', new Error('connection refused to 10.0.0.1')],
    ['a library server error', new ServerError('boom')],
    ['a library misuse', new InvalidArgumentError('Missing parameter: `model`')],
  ])('hides %s behind an opaque 500 server_error', (_label, error) => {
    expect(oauthErrorReply(error)).toEqual({
      status: 500,
      body: { error: 'server_error', error_description: 'The server could not issue a token' },
      headers: NO_STORE,
    });
  });
});
