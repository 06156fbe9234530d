import { SigningKeyEntity } from '@connector/auth-data-access';
import { publicJwkOf } from './public-jwk.util';

describe(publicJwkOf.name, () => {
  it('publishes only the public RSA members, whatever the stored JSON holds', () => {
    const key = Object.assign(new SigningKeyEntity(), {
      kid: 'kid-1',
      alg: 'RS256',
      publicJwk: JSON.stringify({ kty: 'RSA', n: 'bW9kdWx1cw', e: 'AQAB', d: 'c2VjcmV0', p: 'cA', q: 'cQ' }),
    });

    expect(publicJwkOf(key)).toEqual({
      kty: 'RSA',
      n: 'bW9kdWx1cw',
      e: 'AQAB',
      kid: 'kid-1',
      alg: 'RS256',
      use: 'sig',
    });
  });
});
