import { storedContent } from './stored-content.util';

describe(storedContent.name, () => {
  it('puts the server meta right after id, replacing a client versionId and lastUpdated, keeping the rest', () => {
    const resource = {
      resourceType: 'Patient',
      id: 'a',
      active: true,
      meta: { versionId: '9', lastUpdated: '2001-01-01T00:00:00Z', tag: [{ code: 't' }] },
    };

    expect(storedContent(resource, 2, '2026-11-28T22:04:17.123Z')).toBe(
      '{"resourceType":"Patient","id":"a","meta":{"versionId":"2","lastUpdated":"2026-11-28T22:04:17.123Z",' +
        '"tag":[{"code":"t"}]},"active":true}',
    );
  });

  it('adds a meta to a resource that had none', () => {
    expect(storedContent({ resourceType: 'Basic', id: 'b' }, 1, '2026-11-28T22:04:17.123Z')).toBe(
      '{"resourceType":"Basic","id":"b","meta":{"versionId":"1","lastUpdated":"2026-11-28T22:04:17.123Z"}}',
    );
  });
});
