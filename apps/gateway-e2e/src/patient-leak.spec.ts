import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Bundle, OperationOutcome } from 'fhir/r4';
import { DEMO_ACCOUNTS, type EmbeddedServer } from '@connector/embedded';
import { generateDemoBundle } from '@connector/fhir-demo-data';
import { runCli, sharedDataFiles } from '@connector/shared-testing';
import { expectedResources, withoutServerMeta } from './support/expected-resources';
import { forbiddenIdsInEntries, leaksInResource } from './support/leak-check';
import { LeakAnswerChecker } from './support/leak-answer';
import {
  compartmentTypes,
  crossReferenceCases,
  ownReferenceCases,
  ownTypeCases,
  perTypeCases,
} from './support/leak-cases';
import { compartmentOracle, forbiddenKeys, hasPatientCompartment, keyOf } from './support/patient-compartment-oracle';
import { embeddedE2eConfig, type Http, startEmbeddedE2e, stopEmbeddedE2e } from './support/embedded-e2e';

/*
 * The leak suite of the patient-context enforcement: a token for patient A (a patient user, and an authorized
 * representative of A) tries every URL form against patients B and C and must get nothing of theirs, while getting
 * exactly A's own data. Three real Synthea patients; A and B share a Practitioner and an Organization, so includes
 * that travel through shared resources are tried too. Expected sets come from the source bundles only.
 */

/** File-name prefixes in ../shared/data/synthea (see its SOURCES.md): A, B (shares a GP with A) and C. */
const CHOSEN = ['Alberto_Armstrong_', 'Trent_Donnelly_', 'Karena_Pfeffer_'] as const;

function syntheaFile(prefix: string): string {
  const file = sharedDataFiles('synthea', '.json').find((path) => basename(path).startsWith(prefix));
  if (file === undefined) {
    throw new Error(`Test data missing: no ${prefix}*.json in ../shared/data/synthea (listed in its SOURCES.md)`);
  }
  return file;
}

const FILES = CHOSEN.map(syntheaFile);
const BUNDLES = FILES.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Bundle);
const [A, B, C] = BUNDLES.map(
  (bundle) => expectedResources(bundle).find((resource) => resource.type === 'Patient')?.id ?? '',
);
const ORACLE = compartmentOracle([generateDemoBundle(), ...BUNDLES]);
const compartment = (patientId: string) => {
  const found = ORACLE.patients.get(patientId);
  if (found === undefined) {
    throw new Error(`no Patient/${patientId} in the test data`);
  }
  return found;
};
const OWN = compartment(A);
const OTHERS = [compartment(B), compartment(C)];
const FORBIDDEN = forbiddenKeys(ORACLE, [A]);
const FORBIDDEN_IDS = OTHERS.flatMap((other) => other.resources.map((resource) => resource.id));
const BASES = ['/fhir', '/Fhir', '/api/fhir/resource'] as const;
const ALL_TYPES = [...new Set(ORACLE.all.map((resource) => resource.type))].filter(hasPatientCompartment).sort();

describe('patient-context tokens never see another patient (leak suite, embedded, Synthea)', () => {
  const { dataDir, config } = embeddedE2eConfig('leak');
  const env = { NATS_URL: '', CONNECTOR_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const tokens: Record<'patient' | 'representative' | 'provider', string> = {
    patient: '',
    representative: '',
    provider: '',
  };
  const granted: Record<string, unknown> = {};
  let server: EmbeddedServer;
  let http: Http;

  async function cli(args: string[]): Promise<void> {
    const result = await runCli(args, env);
    if (result.code !== 0) {
      throw new Error(`connector ${args.join(' ')} failed (${result.code}): ${result.stderr}${result.stdout}`);
    }
  }

  async function passwordToken(username: string, password: string): Promise<string> {
    const response = await http
      .post('/oauth/token')
      .auth(DEMO_ACCOUNTS.client.clientId, DEMO_ACCOUNTS.client.secret)
      .type('form')
      .send({ grant_type: 'password', username, password });
    if (response.status !== 200) {
      throw new Error(`password grant for ${username} failed: ${response.status} ${response.text}`);
    }
    granted[username] = response.body.patient;
    return response.body.access_token as string;
  }

  beforeAll(async () => {
    // Boot first: the demo client (DEMO_ACCOUNTS) is only created on an empty store.
    ({ server, http } = await startEmbeddedE2e(config));
    await cli(['import', ...FILES]);
    await cli(
      ['users', 'add', '--username', 'leak-patient', '--password', 'leak-pass', '--role', 'patient'].concat([
        '--fhir-user',
        `Patient/${A}`,
        '--patient',
        A,
      ]),
    );
    await cli(
      [
        'users',
        'add',
        '--username',
        'leak-rep',
        '--password',
        'leak-pass',
        '--role',
        'authorized-representative',
      ].concat(['--patient', A]),
    );
    tokens.patient = await passwordToken('leak-patient', 'leak-pass');
    tokens.representative = await passwordToken('leak-rep', 'leak-pass');
    tokens.provider = await passwordToken(DEMO_ACCOUNTS.provider.username, DEMO_ACCOUNTS.provider.password);
  }, 300000);

  afterAll(async () => {
    await stopEmbeddedE2e(server, dataDir);
  });

  const get = (url: string, token: string) => http.get(url).auth(token, { type: 'bearer' });
  const checker = new LeakAnswerChecker({ get, forbidden: FORBIDDEN, forbiddenIds: FORBIDDEN_IDS });

  describe('the oracle (source data, before any request)', () => {
    it('has three Synthea patients, A sharing a Practitioner and an Organization with B', () => {
      expect(new Set([A, B, C]).size).toBe(3);
      expect(OWN.resources.length).toBeGreaterThan(50);
      for (const other of OTHERS) {
        expect(other.resources.length).toBeGreaterThan(50);
      }
      const referencedBy = (patientId: string) =>
        new Set(
          compartment(patientId).resources.flatMap(
            (resource) => JSON.stringify(resource.resource).match(/(Practitioner|Organization)\/[\w-]+/g) ?? [],
          ),
        );
      const shared = [...referencedBy(A)].filter((key) => referencedBy(B).has(key));
      expect(shared.some((key) => key.startsWith('Practitioner/'))).toBe(true);
      expect(shared.some((key) => key.startsWith('Organization/'))).toBe(true);
    });

    it("puts every resource of a Synthea bundle with a compartment type into that bundle's patient's compartment", () => {
      BUNDLES.forEach((bundle, index) => {
        const fromBundle = expectedResources(bundle).filter((resource) => hasPatientCompartment(resource.type));
        expect([...compartment([A, B, C][index]).keys].sort()).toEqual(fromBundle.map(keyOf).sort());
      });
    });
  });

  it('lets a provider see B and C (so the refusals below are about the token, not missing data)', async () => {
    for (const other of OTHERS) {
      for (const resource of other.resources.slice(0, 20)) {
        expect([keyOf(resource), (await get(`/fhir/${keyOf(resource)}`, tokens.provider)).status]).toEqual([
          keyOf(resource),
          200,
        ]);
      }
      const count = await get(`/fhir/Observation?patient=${other.patientId}&_summary=count`, tokens.provider);
      expect(count.body.total).toBe(other.resources.filter((resource) => resource.type === 'Observation').length);
    }
  });

  describe.each([
    { viewer: 'patient user', token: 'patient' },
    { viewer: 'authorized representative', token: 'representative' },
  ] as const)("a token of A's $viewer", ({ token, viewer }) => {
    const username = viewer === 'patient user' ? 'leak-patient' : 'leak-rep';

    // SMART: a patient user's token response names their Patient. A representative may act for several, so the
    // password grant (no picker) need not name one; their token still only reaches A, as everything below checks.
    it('carries patient A in the token response, or no patient for a representative', () => {
      expect(granted[username]).toBe(viewer === 'patient user' ? A : granted[username] === undefined ? undefined : A);
    });

    it("reads every resource of A's compartment, exactly as imported", async () => {
      for (const resource of OWN.resources) {
        const response = await get(`/fhir/${keyOf(resource)}`, tokens[token]);
        expect([keyOf(resource), response.status]).toEqual([keyOf(resource), 200]);
        expect(withoutServerMeta(JSON.parse(response.text))).toEqual(resource.resource);
      }
    });

    it('reads the Practitioners and Organizations (shared, no patient compartment)', async () => {
      const sharedOnes = ORACLE.all.filter((resource) => ['Practitioner', 'Organization'].includes(resource.type));
      for (const resource of sharedOnes) {
        expect([keyOf(resource), (await get(`/fhir/${keyOf(resource)}`, tokens[token])).status]).toEqual([
          keyOf(resource),
          200,
        ]);
      }
    });

    describe.each(OTHERS.map((other, index) => ({ label: index === 0 ? 'B' : 'C', other })))(
      'against patient $label',
      ({ other }) => {
        const readForms = (key: string) => [key, `${key}/_history`, `${key}/_history/1`];

        it.each(BASES)(
          "gets 403/404 for read, history and vread of each of the other's resources under %s",
          async (base) => {
            const resources =
              base === '/fhir' ? other.resources : other.resources.filter((_, index) => index % 10 === 0);
            for (const resource of resources) {
              for (const form of readForms(keyOf(resource))) {
                const response = await get(`${base}/${form}`, tokens[token]);
                expect([form, [403, 404].includes(response.status) ? 'refused' : response.status]).toEqual([
                  form,
                  'refused',
                ]);
                expect((response.body as OperationOutcome).resourceType).toBe('OperationOutcome');
              }
            }
          },
        );

        const cases = [...perTypeCases(OWN, other), ...crossReferenceCases(ORACLE, OWN, other)];
        it.each(BASES.flatMap((base) => cases.map((leakCase) => ({ base, ...leakCase }))))(
          '$base/$name',
          async (leakCase) => {
            await checker.expectCase(leakCase, tokens[token], leakCase.base);
          },
        );
      },
    );

    it.each(ownTypeCases(OWN, OTHERS[0], ALL_TYPES))('gets exactly its own data: $name', async (leakCase) => {
      await checker.expectCase(leakCase, tokens[token], '/fhir');
    });

    it.each(BASES.flatMap((base) => ownReferenceCases(OWN).map((leakCase) => ({ base, ...leakCase }))))(
      'gets exactly its own data: $base/$name',
      async (leakCase) => {
        await checker.expectCase(leakCase, tokens[token], leakCase.base);
      },
    );

    it("finds the other patients' types with nothing in them", () => {
      const theirOnly = OTHERS.flatMap(compartmentTypes).filter((type) => !compartmentTypes(OWN).includes(type));
      // Karena Pfeffer (C) has AllergyIntolerance and ImagingStudy, A has none: the zero totals above are real zeros.
      expect(theirOnly.length).toBeGreaterThan(0);
    });
  });

  it("has a leak check that flags one of B's resources (so it can fail)", () => {
    const theirs = OTHERS[0].resources.find((resource) => resource.type === 'Observation');
    expect(leaksInResource(theirs?.resource, FORBIDDEN, 'probe')).not.toEqual([]);
    expect(
      forbiddenIdsInEntries(
        { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: theirs?.resource as never }] },
        FORBIDDEN_IDS,
      ),
    ).not.toEqual([]);
  });
});
