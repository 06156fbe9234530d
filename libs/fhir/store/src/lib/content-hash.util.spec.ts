import { createHash } from 'node:crypto';
import { contentHash } from './content-hash.util';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe(contentHash.name, () => {
  it('is the sha256 hex of the JSON with keys sorted at every level', () => {
    const resource = { resourceType: 'Patient', id: 'a', name: [{ given: ['Ann'], family: 'Z' }] };

    expect(contentHash(resource)).toBe(
      sha256('{"id":"a","name":[{"family":"Z","given":["Ann"]}],"resourceType":"Patient"}'),
    );
  });

  it('ignores meta.versionId and meta.lastUpdated but not the rest of meta', () => {
    const tag = [{ code: 't' }];

    expect(
      contentHash({
        resourceType: 'Patient',
        id: 'a',
        meta: { versionId: '3', lastUpdated: '2020-01-01T00:00:00Z', tag },
      }),
    ).toBe(sha256('{"id":"a","meta":{"tag":[{"code":"t"}]},"resourceType":"Patient"}'));
  });

  it('treats a meta holding only server elements as no meta', () => {
    expect(contentHash({ resourceType: 'Patient', id: 'a', meta: { versionId: '1' } })).toBe(
      sha256('{"id":"a","resourceType":"Patient"}'),
    );
  });

  it('keeps array order: a reordered list is different content', () => {
    const ab = contentHash({ resourceType: 'Patient', id: 'a', alias: ['a', 'b'] });
    const ba = contentHash({ resourceType: 'Patient', id: 'a', alias: ['b', 'a'] });

    expect(ab).not.toBe(ba);
  });
});
