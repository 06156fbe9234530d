import { InvalidClientError } from '@node-oauth/oauth2-server';
import { basicAuthorization, parseBasicCredentials } from './basic-credentials.util';

describe(parseBasicCredentials.name, () => {
  it('reads the RFC 7617 example credentials', () => {
    // RFC 7617 §2: "Aladdin" / "open sesame" is sent as QWxhZGRpbjpvcGVuIHNlc2FtZQ==
    expect(parseBasicCredentials('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==')).toEqual({
      clientId: 'Aladdin',
      clientSecret: 'open sesame',
    });
  });

  it('form-urldecodes id and secret (RFC 6749 §2.3.1) and accepts any case of the scheme', () => {
    const header = `basic ${Buffer.from('my%20app:a%2Bb+c%3Ad').toString('base64')}`;

    expect(parseBasicCredentials(header)).toEqual({ clientId: 'my app', clientSecret: 'a+b c:d' });
  });

  it.each([
    ['another scheme', 'Bearer abc'],
    ['no colon', `Basic ${Buffer.from('just-an-id').toString('base64')}`],
    ['not base64', 'Basic ***'],
    ['a broken percent-escape', `Basic ${Buffer.from('app:%E0%A4%A').toString('base64')}`],
  ])('rejects %s as invalid_client', (_label, header) => {
    expect(() => parseBasicCredentials(header)).toThrow(InvalidClientError);
  });
});

describe(basicAuthorization.name, () => {
  it('writes plain RFC 7617 credentials', () => {
    expect(basicAuthorization({ clientId: 'Aladdin', clientSecret: 'open sesame' })).toBe(
      'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
    );
  });
});
