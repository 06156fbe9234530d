import { sha256Hex } from './token-hash.util';

describe('sha256Hex', () => {
  it('gives the FIPS 180-2 test vector for "abc"', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the UTF-8 bytes of the text', () => {
    // `printf '\xc3\xa9' | sha256sum`: the two UTF-8 bytes of "é", not its one Latin-1 byte.
    expect(sha256Hex('é')).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
  });
});
