import type { Location, Organization, Practitioner } from 'fhir/r4';
import { concept, NPI } from './demo-codes.constants';
import { demoId } from './demo-ids.util';
import { CITY, PRACTITIONER_NAMES } from './demo-people.constants';
import { demoMeta, localReference } from './demo-reference.util';
import { SeededRandom } from './seeded-random';

/** The practice every demo patient belongs to. */
export interface DemoPractice {
  readonly organization: Organization;
  readonly practitioners: readonly [Practitioner, Practitioner];
  readonly location: Location;
}

const PRACTICE_ADDRESS = {
  line: ['100 Main Street', 'Suite 200'],
  city: CITY.city,
  state: CITY.state,
  postalCode: '01103',
  country: 'US',
};

/** One Organization (the practice), two Practitioners and the practice's Location. */
export function demoPractice(seed: number): DemoPractice {
  const random = SeededRandom.forStream(seed, 0);
  const organization: Organization = {
    resourceType: 'Organization',
    id: demoId(seed, 'organization'),
    meta: demoMeta(),
    identifier: [{ system: NPI, value: npi(random) }],
    active: true,
    type: [concept('http://terminology.hl7.org/CodeSystem/organization-type', 'prov', 'Healthcare Provider')],
    name: 'Riverside Family Practice',
    telecom: [{ system: 'phone', value: '413-555-0100', use: 'work' }],
    address: [{ use: 'work', ...PRACTICE_ADDRESS }],
  };
  const [first, second] = random.sample(PRACTITIONER_NAMES, 2);
  if (first === undefined || second === undefined) {
    throw new Error('Not enough demo practitioner names');
  }
  const practitioners: [Practitioner, Practitioner] = [
    practitioner(seed, 0, first, random),
    practitioner(seed, 1, second, random),
  ];
  const location: Location = {
    resourceType: 'Location',
    id: demoId(seed, 'location'),
    meta: demoMeta(),
    status: 'active',
    name: 'Riverside Family Practice - Main Street Clinic',
    mode: 'instance',
    telecom: [{ system: 'phone', value: '413-555-0100', use: 'work' }],
    address: { use: 'work', ...PRACTICE_ADDRESS },
    managingOrganization: localReference(organization, organization.name),
  };
  return { organization, practitioners, location };
}

function practitioner(
  seed: number,
  index: number,
  name: (typeof PRACTITIONER_NAMES)[number],
  random: SeededRandom,
): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: demoId(seed, `practitioner/${index}`),
    meta: demoMeta(),
    identifier: [{ system: NPI, value: npi(random) }],
    active: true,
    name: [{ use: 'official', family: name.family, given: [name.given], prefix: ['Dr.'] }],
    telecom: [{ system: 'email', value: `${name.given}.${name.family}@example.org`.toLowerCase(), use: 'work' }],
    gender: name.gender,
    qualification: [{ code: concept('http://terminology.hl7.org/CodeSystem/v2-0360', 'MD', 'Doctor of Medicine') }],
  };
}

/** A made-up 10-digit NPI in the 9999xxxxxx range, which Synthea also uses for invented providers. */
function npi(random: SeededRandom): string {
  return `9999${random.int(100000, 999999)}`;
}
