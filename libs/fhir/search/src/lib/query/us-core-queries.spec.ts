import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { searchParameter, type SearchParamType } from '@connector/fhir-search-parameters';
import { sharedDataDir } from '@connector/shared-testing';
import { parseSearchQuery } from './search-query.parser';

/*
 * Every search parameter and every parameter combination the US Core 6.1 server CapabilityStatement lists must parse
 * against the generated definitions table (the real lookup the services will use), with a value of its type.
 */

interface Expectation {
  url: string;
  valueCode?: string;
  valueString?: string;
  extension?: Expectation[];
}

interface CapabilityResource {
  type: string;
  searchParam?: { name: string; type: SearchParamType }[];
  extension?: Expectation[];
}

const capability = JSON.parse(
  readFileSync(
    join(sharedDataDir('us-core', 'definitions', 'us-core-6.1.0'), 'CapabilityStatement-us-core-server.json'),
    'utf8',
  ),
) as { rest: { resource: CapabilityResource[] }[] };
const resources = capability.rest[0]?.resource ?? [];

const SAMPLE_VALUES: Record<SearchParamType, string> = {
  token: 'http://loinc.org|85354-9',
  date: 'ge2020-01-01',
  string: 'smith',
  reference: 'Patient/example',
  quantity: 'gt5.4|http://unitsofmeasure.org|mg',
  number: '1',
  uri: 'http://hl7.org/fhir/us/core',
  composite: 'http://loinc.org|8480-6$gt100',
  special: 'x',
};

function valueFor(resourceType: string, code: string): string {
  const definition = searchParameter(resourceType, code);
  if (definition === undefined) {
    throw new Error(`no definition for ${resourceType}.${code}`);
  }
  // A reference value must name a type the parameter may point to.
  if (definition.type === 'reference' && definition.target?.length) {
    return `${definition.target[0]}/example`;
  }
  return SAMPLE_VALUES[definition.type];
}

function parse(resourceType: string, params: [string, string][]) {
  return parseSearchQuery({ resourceType, params, lookup: searchParameter, baseUrl: 'https://fhir.example.org/fhir' });
}

const singles = resources.flatMap((resource) =>
  (resource.searchParam ?? []).map((param) => [resource.type, param.name] as const),
);

const combinations = resources.flatMap((resource) =>
  (resource.extension ?? [])
    .filter((extension) => extension.url.endsWith('capabilitystatement-search-parameter-combination'))
    .map(
      (extension) =>
        [
          resource.type,
          (extension.extension ?? []).filter((part) => part.url === 'required').map((part) => part.valueString ?? ''),
        ] as const,
    ),
);

describe('US Core 6.1 server searches', () => {
  it('lists searches to check (the data is there)', () => {
    expect(singles.length).toBeGreaterThan(90);
    expect(combinations.length).toBeGreaterThan(20);
  });

  it.each(singles)('%s?%s=… parses', (resourceType, code) => {
    const request = parse(resourceType, [[code, valueFor(resourceType, code)]]);
    expect(request.filters).toHaveLength(1);
  });

  it.each(combinations)('%s with %j parses', (resourceType, codes) => {
    const request = parse(
      resourceType,
      codes.map((code) => [code, valueFor(resourceType, code)]),
    );
    expect(request.filters).toHaveLength(codes.length);
  });
});
