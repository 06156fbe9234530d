import { ImportError } from './import-error';
import { prepareImport } from './prepare-import';
import { prepareNdjson } from './prepare-ndjson';

function catchImportError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an ImportError');
}

describe('prepareNdjson', () => {
  it('reads one resource per non-empty line, routed by owning service', () => {
    const lines = [
      { resourceType: 'Patient', id: 'p1' },
      { resourceType: 'Coverage', id: 'c1', beneficiary: { reference: 'Patient/p1' } },
      { resourceType: 'Observation', id: 'o1', subject: { reference: 'Patient/p1' } },
    ];
    const text = `${JSON.stringify(lines[0])}\r\n\n   \n${JSON.stringify(lines[1])}\n${JSON.stringify(lines[2])}\n`;

    const prepared = prepareNdjson(text, 'export.ndjson');

    expect(prepared.source).toBe('export.ndjson');
    expect(prepared.resources).toEqual(lines);
    expect(prepared.byService.get('chart')).toEqual([lines[0], lines[2]]);
    expect(prepared.byService.get('practice')).toEqual([lines[1]]);
  });

  it('gives an id-less line the same id as the same resource in a JSON file', () => {
    const resource = { resourceType: 'Patient', gender: 'other' };

    const fromNdjson = prepareNdjson(JSON.stringify(resource), 'a.ndjson');
    const fromJson = prepareImport(resource, 'a.json');

    expect(fromNdjson.resources[0]?.id).toBe(fromJson.resources[0]?.id);
  });

  it('stores a Bundle line as one Bundle resource', () => {
    const line = { resourceType: 'Bundle', id: 'b1', type: 'collection', entry: [] };

    expect(prepareNdjson(JSON.stringify(line), 'a.ndjson').resources).toEqual([line]);
  });

  it('returns nothing for an empty file', () => {
    expect(prepareNdjson('\n\n', 'empty.ndjson').resources).toEqual([]);
  });

  it.each([
    ['invalid JSON', '{"resourceType":"Patient","id":"a"}\n\n{oops', 3, /^invalid JSON/],
    ['a line that is not an object', '[1]', 1, /expected a JSON object, got an array/],
    [
      'an unknown type',
      '{"resourceType":"Patient","id":"a"}\n{"resourceType":"Nope"}',
      2,
      /unknown resource type "Nope"/,
    ],
    ['an invalid id', '{"resourceType":"Patient","id":"a/b"}', 1, /invalid id/],
    ['a urn:uuid reference', '{"resourceType":"Observation","subject":{"reference":"urn:uuid:x"}}', 1, /urn:uuid:x/],
    [
      'a duplicate resource',
      '{"resourceType":"Patient","id":"a"}\n{"resourceType":"Patient","id":"a"}',
      2,
      /duplicate resource Patient\/a \(also line 1\)/,
    ],
  ])('rejects %s, naming the line', (_, text, line, pattern) => {
    const error = catchImportError(() => prepareNdjson(text, 'x.ndjson'));

    expect(error).toMatchObject({ source: 'x.ndjson', line, entryIndex: undefined });
    expect(error.message.startsWith(`x.ndjson line ${line}: `)).toBe(true);
    expect(error.detail).toMatch(pattern);
  });
});
