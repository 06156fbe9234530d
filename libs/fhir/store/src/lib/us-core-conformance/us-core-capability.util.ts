import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataDir } from '@connector/shared-testing';

/*
 * What the US Core 6.1.0 server CapabilityStatement requires of search, read from the published definitions at test
 * time. Expectations are `capabilitystatement-expectation` extensions (http://hl7.org/fhir/R4/extension-capabilitystatement-expectation.html):
 * on `rest.resource.searchParam` (a parameter searched on its own), on the
 * `capabilitystatement-search-parameter-combination` extensions of `rest.resource` (parameters searched together), on
 * `searchInclude` / `searchRevInclude` (via `_searchInclude` / `_searchRevInclude`), and — in the SearchParameter each
 * `searchParam.definition` names — on each `comparator` (via `_comparator`, index for index), `modifier` and `chain`,
 * and on `multipleOr` / `multipleAnd`.
 */

export type Expectation = 'SHALL' | 'SHOULD' | 'MAY' | 'SHOULD-NOT';

const EXPECTATION_URL = 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-expectation';
const COMBINATION_URL = 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-search-parameter-combination';
const US_CORE_DIR = ['us-core', 'definitions', 'us-core-6.1.0'];

interface Extension {
  readonly url: string;
  readonly valueCode?: string;
  readonly valueString?: string;
  readonly extension?: readonly Extension[];
}

interface Extensible {
  readonly extension?: readonly Extension[];
}

interface CapabilitySearchParam extends Extensible {
  readonly name: string;
  readonly definition: string;
  readonly type: string;
}

interface CapabilityResource extends Extensible {
  readonly type: string;
  readonly searchParam?: readonly CapabilitySearchParam[];
  readonly searchInclude?: readonly string[];
  readonly _searchInclude?: readonly (Extensible | null)[];
  readonly searchRevInclude?: readonly string[];
  readonly _searchRevInclude?: readonly (Extensible | null)[];
}

interface SearchParameterResource {
  readonly url: string;
  readonly code: string;
  readonly type: string;
  readonly comparator?: readonly string[];
  readonly _comparator?: readonly (Extensible | null)[];
  readonly multipleOr?: boolean;
  readonly _multipleOr?: Extensible;
  readonly multipleAnd?: boolean;
  readonly _multipleAnd?: Extensible;
  readonly modifier?: readonly string[];
  readonly _modifier?: readonly (Extensible | null)[];
  readonly chain?: readonly string[];
  readonly _chain?: readonly (Extensible | null)[];
}

/** One `rest.resource.searchParam` with the SHALL features of its SearchParameter definition. */
export interface CapabilityParameter {
  readonly resourceType: string;
  readonly code: string;
  readonly type: string;
  /** Expectation of searching by this parameter alone. */
  readonly expectation: Expectation | undefined;
  readonly shallComparators: readonly string[];
  readonly shallMultipleOr: boolean;
  readonly shallMultipleAnd: boolean;
  readonly shallModifiers: readonly string[];
  /** Parameters of the target type that SHALL be chainable (`practitioner.identifier`). */
  readonly shallChains: readonly string[];
}

/** One `capabilitystatement-search-parameter-combination`: parameters searched together (ANDed). */
export interface CapabilityCombination {
  readonly resourceType: string;
  readonly codes: readonly string[];
  readonly expectation: Expectation | undefined;
}

export interface UsCoreCapability {
  readonly parameters: readonly CapabilityParameter[];
  readonly combinations: readonly CapabilityCombination[];
  /** `Type` → the `searchInclude` values it SHALL support (none in 6.1.0: all are SHOULD). */
  readonly shallIncludes: ReadonlyMap<string, readonly string[]>;
  /** `Type` → the `searchRevInclude` values (`Provenance:target`) it SHALL support. */
  readonly shallRevincludes: ReadonlyMap<string, readonly string[]>;
}

export function expectationOf(element: Extensible | null | undefined): Expectation | undefined {
  return element?.extension?.find((extension) => extension.url === EXPECTATION_URL)?.valueCode as
    Expectation | undefined;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The SearchParameters of the US Core folder by canonical URL; every one the CapabilityStatement names must exist. */
function searchParametersByUrl(dir: string): Map<string, SearchParameterResource> {
  const byUrl = new Map<string, SearchParameterResource>();
  for (const name of readdirSync(dir).filter((file) => file.startsWith('SearchParameter-') && file.endsWith('.json'))) {
    const definition = readJson<SearchParameterResource>(join(dir, name));
    byUrl.set(definition.url, definition);
  }
  return byUrl;
}

/** The entries of a repeating element whose parallel `_element` carries a SHALL expectation. */
function shallEntries(values: readonly string[] | undefined, extensions: readonly (Extensible | null)[] | undefined) {
  return (values ?? []).filter((_value, index) => expectationOf(extensions?.[index]) === 'SHALL');
}

function capabilityParameter(
  resourceType: string,
  param: CapabilitySearchParam,
  definitions: Map<string, SearchParameterResource>,
): CapabilityParameter {
  const definition = definitions.get(param.definition);
  if (definition === undefined) {
    throw new Error(`US Core SearchParameter ${param.definition} (${resourceType}.${param.name}) missing`);
  }
  return {
    resourceType,
    code: param.name,
    type: param.type,
    expectation: expectationOf(param),
    shallComparators: shallEntries(definition.comparator, definition._comparator),
    shallMultipleOr: definition.multipleOr === true && expectationOf(definition._multipleOr) === 'SHALL',
    shallMultipleAnd: definition.multipleAnd === true && expectationOf(definition._multipleAnd) === 'SHALL',
    shallModifiers: shallEntries(definition.modifier, definition._modifier),
    shallChains: shallEntries(definition.chain, definition._chain),
  };
}

function combinationsOf(resource: CapabilityResource): CapabilityCombination[] {
  return (resource.extension ?? [])
    .filter((extension) => extension.url === COMBINATION_URL)
    .map((extension) => ({
      resourceType: resource.type,
      codes: (extension.extension ?? [])
        .filter((part) => part.url === 'required')
        .map((part) => part.valueString as string),
      expectation: expectationOf(extension),
    }));
}

/** `Type` → the non-empty lists `entries` gives for each resource. */
function byType(resources: readonly CapabilityResource[], entries: (resource: CapabilityResource) => string[]) {
  return new Map(
    resources
      .map((resource): [string, string[]] => [resource.type, entries(resource)])
      .filter(([, values]) => values.length > 0),
  );
}

/** Reads the US Core 6.1.0 server CapabilityStatement and its SearchParameters from ../shared/data (loudly). */
export function loadUsCoreCapability(): UsCoreCapability {
  const dir = sharedDataDir(...US_CORE_DIR);
  const statement = readJson<{ rest: { resource: CapabilityResource[] }[] }>(
    join(dir, 'CapabilityStatement-us-core-server.json'),
  );
  const definitions = searchParametersByUrl(dir);
  const resources = statement.rest.flatMap((rest) => rest.resource);
  if (resources.length === 0) {
    throw new Error(`The US Core CapabilityStatement in ${dir} lists no resources`);
  }
  return {
    parameters: resources.flatMap((resource) =>
      (resource.searchParam ?? []).map((param) => capabilityParameter(resource.type, param, definitions)),
    ),
    combinations: resources.flatMap(combinationsOf),
    shallIncludes: byType(resources, (resource) => shallEntries(resource.searchInclude, resource._searchInclude)),
    shallRevincludes: byType(resources, (resource) =>
      shallEntries(resource.searchRevInclude, resource._searchRevInclude),
    ),
  };
}
