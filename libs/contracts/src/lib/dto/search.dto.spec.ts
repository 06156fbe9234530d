import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SearchResourcesReply, SearchResourcesRequest } from './search.dto';

function problems<T extends object>(type: new () => T, plain: object): string[] {
  return validateSync(plainToInstance(type, plain)).map((error) => error.property);
}

const REQUEST = {
  resourceType: 'Patient',
  params: [['gender', 'female']],
  lenient: false,
  baseUrl: 'https://x/fhir',
  access: {},
};
const REPLY = { resources: ['{}'], warnings: [], canonicalParams: [['gender', 'female']] };

describe(SearchResourcesRequest.name, () => {
  it('accepts a request with and without a cursor', () => {
    expect(problems(SearchResourcesRequest, REQUEST)).toEqual([]);
    expect(problems(SearchResourcesRequest, { ...REQUEST, params: [], cursor: 'abc' })).toEqual([]);
  });

  it.each([
    ['a flat array', ['gender', 'female']],
    ['a triple', [['gender', 'female', 'x']]],
    ['a number value', [['_count', 5]]],
    ['an object', { gender: 'female' }],
  ])('rejects params as %s', (_label, params) => {
    expect(problems(SearchResourcesRequest, { ...REQUEST, params })).toEqual(['params']);
  });

  it('rejects a missing lenient flag and a bad resource type', () => {
    const { lenient: _lenient, ...withoutLenient } = REQUEST;
    expect(problems(SearchResourcesRequest, { ...withoutLenient, resourceType: 'patient' })).toEqual([
      'resourceType',
      'lenient',
    ]);
  });
});

describe(SearchResourcesReply.name, () => {
  it('accepts a page with total and next cursor', () => {
    expect(problems(SearchResourcesReply, { ...REPLY, total: 3, nextCursor: 'c' })).toEqual([]);
  });

  it('rejects resources that are not JSON texts and canonical params that are not pairs', () => {
    expect(problems(SearchResourcesReply, { ...REPLY, resources: [{}], canonicalParams: ['a'] })).toEqual([
      'resources',
      'canonicalParams',
    ]);
    expect(problems(SearchResourcesReply, { ...REPLY, resources: '{}' })).toEqual(['resources']);
  });
});

describe('SearchResourcesRequest access', () => {
  it('requires an access context, and validates its parts', () => {
    const { access: _access, ...withoutAccess } = REQUEST;
    expect(problems(SearchResourcesRequest, withoutAccess)).toEqual(['access']);
    expect(problems(SearchResourcesRequest, { ...REQUEST, access: { patients: ['p 1'] } })).toEqual(['access']);
    expect(
      problems(SearchResourcesRequest, {
        ...REQUEST,
        access: {
          resourceTypes: ['Observation'],
          patients: ['p1'],
          constraints: [{ resourceType: 'Observation', params: [['category', 'laboratory']] }],
        },
      }),
    ).toEqual([]);
    expect(
      problems(SearchResourcesRequest, {
        ...REQUEST,
        access: { constraints: [{ resourceType: 'Observation', params: 'x' }] },
      }),
    ).toEqual(['access']);
  });

  it('accepts a Patient compartment and refuses a malformed one', () => {
    expect(problems(SearchResourcesRequest, { ...REQUEST, compartment: { resourceType: 'Patient', id: '1' } })).toEqual(
      [],
    );
    expect(
      problems(SearchResourcesRequest, { ...REQUEST, compartment: { resourceType: 'Patient', id: '../x' } }),
    ).toEqual(['compartment']);
  });
});
