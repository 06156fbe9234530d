import { referencesIn } from '@connector/shared-testing';
import { v5 as uuidv5 } from 'uuid';
import { IMPORT_ID_NAMESPACE } from './deterministic-id.util';
import { ImportError } from './import-error';
import { prepareImport } from './prepare-import';

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

function bundle(entries: unknown[], type = 'transaction'): object {
  return { resourceType: 'Bundle', type, entry: entries };
}

describe('prepareImport', () => {
  describe('with a single resource', () => {
    it('returns it unchanged when it carries an id', () => {
      const patient = { resourceType: 'Patient', id: 'p1', managingOrganization: { reference: 'Organization/9' } };

      const prepared = prepareImport(patient, 'patient.json');

      expect(prepared.resources).toEqual([patient]);
      expect([...prepared.byService.keys()]).toEqual(['chart']);
    });

    it('routes it to its owning service', () => {
      const prepared = prepareImport({ resourceType: 'Appointment', id: 'a1', status: 'booked' }, 'a.json');

      expect([...prepared.byService.keys()]).toEqual(['practice']);
    });

    it('gives an id-less resource the same UUIDv5 id every time, whatever its key order', () => {
      const first = prepareImport({ resourceType: 'Patient', gender: 'female', birthDate: '1970-01-01' }, 'a.json');
      const second = prepareImport({ birthDate: '1970-01-01', gender: 'female', resourceType: 'Patient' }, 'b.json');
      const other = prepareImport({ resourceType: 'Patient', gender: 'male', birthDate: '1970-01-01' }, 'c.json');

      const id = first.resources[0]?.id;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(second.resources[0]?.id).toBe(id);
      expect(other.resources[0]?.id).not.toBe(id);
    });

    it('rejects a urn:uuid reference, which cannot resolve outside a bundle', () => {
      const error = catchImportError(() =>
        prepareImport({ resourceType: 'Observation', id: 'o1', subject: { reference: 'urn:uuid:abc' } }, 'o.json'),
      );

      expect(error.source).toBe('o.json');
      expect(error.message).toContain('urn:uuid:abc');
    });
  });

  describe('with a bundle', () => {
    const patientUrn = 'urn:uuid:5c2e0a4e-7f0e-4b9f-9a51-2f1d5d3c1a01';
    const encounterUrn = 'urn:uuid:5c2e0a4e-7f0e-4b9f-9a51-2f1d5d3c1a02';

    it('gives an id-less entry the UUIDv5 of its fullUrl and rewrites references to it, deep and in contained', () => {
      const input = bundle([
        { fullUrl: patientUrn, resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } },
        {
          fullUrl: encounterUrn,
          resource: {
            resourceType: 'Encounter',
            subject: { reference: patientUrn },
            participant: [{ individual: { reference: '#pr1' } }],
            contained: [
              {
                resourceType: 'Practitioner',
                id: 'pr1',
                extension: [{ url: 'x', valueReference: { reference: patientUrn } }],
              },
            ],
          },
        },
      ]);
      const patientId = uuidv5(patientUrn, IMPORT_ID_NAMESPACE);
      const encounterId = uuidv5(encounterUrn, IMPORT_ID_NAMESPACE);

      const prepared = prepareImport(input, 'b.json');

      expect(prepared.resources).toEqual([
        { resourceType: 'Patient', id: patientId },
        {
          resourceType: 'Encounter',
          id: encounterId,
          subject: { reference: `Patient/${patientId}` },
          participant: [{ individual: { reference: '#pr1' } }],
          contained: [
            {
              resourceType: 'Practitioner',
              id: 'pr1',
              extension: [{ url: 'x', valueReference: { reference: `Patient/${patientId}` } }],
            },
          ],
        },
      ]);
      expect(prepareImport(input, 'again.json').resources).toEqual(prepared.resources);
    });

    it('keeps the id of a PUT Type/id entry', () => {
      const input = bundle([
        {
          fullUrl: patientUrn,
          resource: { resourceType: 'Patient' },
          request: { method: 'PUT', url: 'Patient/pat-7' },
        },
        { resource: { resourceType: 'Observation', id: 'o1', subject: { reference: patientUrn } } },
      ]);

      const prepared = prepareImport(input, 'b.json');

      expect(prepared.resources.map((r) => r.id)).toEqual(['pat-7', 'o1']);
      expect(prepared.resources[1]?.['subject']).toEqual({ reference: 'Patient/pat-7' });
    });

    it('resolves an absolute RESTful fullUrl, taking the id from it when the resource has none', () => {
      const input = bundle(
        [
          { fullUrl: 'http://x/fhir/Patient/1', resource: { resourceType: 'Patient' } },
          {
            fullUrl: 'http://x/fhir/Observation/2',
            resource: { resourceType: 'Observation', id: '2', subject: { reference: 'http://x/fhir/Patient/1' } },
          },
        ],
        'collection',
      );

      const prepared = prepareImport(input, 'b.json');

      expect(prepared.resources.map((r) => r.id)).toEqual(['1', '2']);
      expect(prepared.resources[1]?.['subject']).toEqual({ reference: 'Patient/1' });
    });

    it('keeps references to resources outside the bundle as they are', () => {
      const references = ['Patient/123', '#contained', 'http://other.example/fhir/Practitioner/5'];
      const input = bundle(
        [
          {
            resource: {
              resourceType: 'CareTeam',
              id: 'c1',
              participant: references.map((reference) => ({ member: { reference } })),
            },
          },
        ],
        'batch',
      );

      const prepared = prepareImport(input, 'b.json');

      expect(referencesIn(prepared.resources)).toEqual(references);
    });

    it.each(['searchset', 'document', 'message', 'history'])('unpacks a %s bundle too', (type) => {
      const prepared = prepareImport(bundle([{ resource: { resourceType: 'Patient', id: 'p' } }], type), 'b.json');

      expect(prepared.resources).toEqual([{ resourceType: 'Patient', id: 'p' }]);
    });

    it('leaves out the OperationOutcome a searchset carries about the search', () => {
      const input = bundle(
        [
          { resource: { resourceType: 'Patient', id: 'p' }, search: { mode: 'match' } },
          { resource: { resourceType: 'OperationOutcome', issue: [] }, search: { mode: 'outcome' } },
        ],
        'searchset',
      );

      expect(prepareImport(input, 'b.json').resources).toEqual([{ resourceType: 'Patient', id: 'p' }]);
    });

    it('does not modify its input', () => {
      const input = bundle([
        { fullUrl: patientUrn, resource: { resourceType: 'Patient' } },
        { resource: { resourceType: 'Observation', id: 'o', subject: { reference: patientUrn } } },
      ]);
      const before = JSON.stringify(input);

      prepareImport(input, 'b.json');

      expect(JSON.stringify(input)).toBe(before);
    });

    it('splits resources of several services', () => {
      const input = bundle([
        { resource: { resourceType: 'Patient', id: 'p' } },
        { resource: { resourceType: 'Coverage', id: 'c' } },
        { resource: { resourceType: 'ValueSet', id: 'v' } },
        { resource: { resourceType: 'Observation', id: 'o' } },
      ]);

      const prepared = prepareImport(input, 'b.json');

      expect(Object.fromEntries([...prepared.byService].map(([s, rs]) => [s, rs.map((r) => r.id)]))).toEqual({
        chart: ['p', 'o'],
        practice: ['c'],
        terminology: ['v'],
      });
    });
  });

  describe('errors', () => {
    it.each([
      ['an array', []],
      ['null', null],
      ['a string', 'Patient'],
    ])('rejects a document that is %s', (_, document) => {
      const error = catchImportError(() => prepareImport(document, 'bad.json'));

      expect(error).toMatchObject({ source: 'bad.json', entryIndex: undefined });
      expect(error.message).toMatch(/^bad\.json: expected a JSON object/);
    });

    it('rejects a document without resourceType', () => {
      expect(catchImportError(() => prepareImport({ id: 'x' }, 'f.json')).message).toBe('f.json: missing resourceType');
    });

    it('rejects an unknown resource type', () => {
      expect(catchImportError(() => prepareImport({ resourceType: 'Patientt' }, 'f.json')).message).toBe(
        'f.json: unknown resource type "Patientt"',
      );
    });

    const cases: [string, unknown[], number, RegExp][] = [
      ['an entry without resourceType', [{ resource: { id: 'a' } }], 0, /missing resourceType/],
      [
        'an entry of an unknown type',
        [{ resource: { resourceType: 'Patient', id: 'a' } }, { resource: { resourceType: 'Foo' } }],
        1,
        /unknown resource type "Foo"/,
      ],
      ['an invalid id', [{ resource: { resourceType: 'Patient', id: 'has space' } }], 0, /invalid id "has space"/],
      ['a too long id', [{ resource: { resourceType: 'Patient', id: 'x'.repeat(65) } }], 0, /invalid id/],
      [
        'an invalid PUT id',
        [{ resource: { resourceType: 'Patient' }, request: { method: 'PUT', url: 'Patient/a_b' } }],
        0,
        /invalid id "a_b"/,
      ],
      [
        'a PUT of another type',
        [{ resource: { resourceType: 'Patient' }, request: { method: 'PUT', url: 'Group/1' } }],
        0,
        /does not match resource type Patient/,
      ],
      [
        'a PUT id that disagrees with the resource id',
        [{ resource: { resourceType: 'Patient', id: '1' }, request: { method: 'PUT', url: 'Patient/2' } }],
        0,
        /does not match the PUT request id "2"/,
      ],
      [
        'an unresolved urn:uuid reference',
        [
          { resource: { resourceType: 'Patient', id: 'p' } },
          { resource: { resourceType: 'Observation', id: 'o', subject: { reference: 'urn:uuid:missing' } } },
        ],
        1,
        /"urn:uuid:missing" matches no entry/,
      ],
      [
        'an unresolved urn:oid reference',
        [{ resource: { resourceType: 'Observation', id: 'o', subject: { reference: 'urn:oid:1.2.3' } } }],
        0,
        /"urn:oid:1.2.3" matches no entry/,
      ],
      [
        'a duplicate fullUrl',
        [
          { fullUrl: 'urn:uuid:a', resource: { resourceType: 'Patient' } },
          { fullUrl: 'urn:uuid:a', resource: { resourceType: 'Patient', id: 'x' } },
        ],
        1,
        /duplicate fullUrl urn:uuid:a \(also entry 0\)/,
      ],
      [
        'a duplicate resource identity',
        [{ resource: { resourceType: 'Patient', id: 'x' } }, { resource: { resourceType: 'Patient', id: 'x' } }],
        1,
        /duplicate resource Patient\/x \(also entry 0\)/,
      ],
      [
        'a DELETE entry',
        [{ resource: { resourceType: 'Patient', id: 'x' } }, { request: { method: 'DELETE', url: 'Patient/1' } }],
        1,
        /DELETE entries are not supported/,
      ],
      [
        'a PATCH entry',
        [{ resource: { resourceType: 'Parameters' }, request: { method: 'PATCH', url: 'Patient/1' } }],
        0,
        /PATCH entries are not supported/,
      ],
      ['an entry without resource', [{ fullUrl: 'urn:uuid:a' }], 0, /has no resource/],
      ['an entry that is not an object', [42], 0, /must be a JSON object/],
    ];

    it.each(cases)('rejects %s, naming the file and entry index', (_, entries, entryIndex, pattern) => {
      const error = catchImportError(() => prepareImport(bundle(entries), 'bundle.json'));

      expect(error.source).toBe('bundle.json');
      expect(error.entryIndex).toBe(entryIndex);
      expect(error.message.startsWith(`bundle.json entry ${entryIndex}: `)).toBe(true);
      expect(error.detail).toMatch(pattern);
    });

    it('rejects a Bundle whose entry is not an array', () => {
      expect(catchImportError(() => prepareImport({ resourceType: 'Bundle', entry: {} }, 'b.json')).detail).toBe(
        'Bundle.entry must be an array',
      );
    });
  });
});
