import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { searchParameter } from '@connector/fhir-search-parameters';
import { sharedDataDir } from '@connector/shared-testing';
import type { CapabilityStatement } from 'fhir/r4';

const EXPECTATION = 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-expectation';

/** Search parameters of the US Core 6.1.0 server CapabilityStatement (with the given expectation), from the raw JSON. */
function usCoreSearchParams(expectation?: string): { type: string; name: string; paramType: string }[] {
  const file = join(sharedDataDir('us-core/definitions/us-core-6.1.0'), 'CapabilityStatement-us-core-server.json');
  const statement = JSON.parse(readFileSync(file, 'utf8')) as CapabilityStatement;
  return (statement.rest ?? []).flatMap((rest) =>
    (rest.resource ?? []).flatMap((resource) =>
      (resource.searchParam ?? [])
        .filter(
          (param) => !expectation || param.extension?.some((e) => e.url === EXPECTATION && e.valueCode === expectation),
        )
        .map((param) => ({ type: resource.type, name: param.name, paramType: param.type })),
    ),
  );
}

function lookUp({ type, name }: { type: string; name: string }) {
  const definition = searchParameter(type, name);
  return { type, name, paramType: definition?.type, hasExpression: Boolean(definition?.expression) };
}

describe('US Core 6.1.0 search parameters', () => {
  it('defines every SHALL search parameter of the US Core server with its declared type and an expression', () => {
    const shall = usCoreSearchParams('SHALL');
    expect(shall.length).toBeGreaterThanOrEqual(30);
    expect(shall.map(lookUp)).toEqual(shall.map((param) => ({ ...param, hasExpression: true })));
  });

  it('defines every search parameter the US Core server lists, SHOULD and MAY included', () => {
    const all = usCoreSearchParams();
    expect(all.length).toBeGreaterThan(100);
    expect(all.map(lookUp)).toEqual(all.map((param) => ({ ...param, hasExpression: true })));
  });
});
