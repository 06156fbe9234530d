import {
  ChartSubjects,
  PracticeSubjects,
  ReadManyResourcesRequest,
  type RevincludeResourcesRequest,
  TerminologySubjects,
} from '@connector/contracts';
import { FakeServiceClients } from '../../testing/fake-service-clients';
import { resolveForeignIncludes } from './foreign-include.resolver';

const text = (reference: string) => {
  const [resourceType, id] = reference.split('/');
  return JSON.stringify({ resourceType, id });
};

/** A patient-context token's access: every foreign request must carry it, or includes would escape it. */
const ACCESS = { patients: ['p1'] };

describe(resolveForeignIncludes.name, () => {
  let clients: FakeServiceClients;

  beforeEach(() => {
    const readMany = (payload: object) => ({
      resources: (payload as ReadManyResourcesRequest).references.map(([type, id]) => text(`${type}/${id}`)),
    });
    const revinclude = (payload: object) => ({
      resources: (payload as RevincludeResourcesRequest).targets.map((target) =>
        text(`Coverage/of-${target.split('/')[1]}`),
      ),
    });
    clients = new FakeServiceClients({
      [ChartSubjects.readManyResources]: readMany,
      [PracticeSubjects.readManyResources]: readMany,
      [PracticeSubjects.revincludeResources]: revinclude,
      [TerminologySubjects.revincludeResources]: () => ({ resources: [] }),
    });
  });

  it('sends one read-many per owning service per include path, with every reference of that path batched', async () => {
    const included = await resolveForeignIncludes(
      clients.asServiceClients(),
      'chart',
      {
        include: [
          { path: 'Encounter:*', references: ['Account/a1', 'Appointment/b1', 'Account/a2'] },
          { path: 'ExplanationOfBenefit:*', references: ['Claim/c1', 'Patient/p1', 'Coverage/v1', 'Patient/p2'] },
        ],
        revinclude: [],
      },
      ACCESS,
    );
    const batches = clients.callsTo(PracticeSubjects.readManyResources).map((call) => call.payload);
    expect(batches).toEqual([
      {
        references: [
          ['Account', 'a1'],
          ['Appointment', 'b1'],
          ['Account', 'a2'],
        ],
        access: ACCESS,
      },
      {
        references: [
          ['Claim', 'c1'],
          ['Coverage', 'v1'],
        ],
        access: ACCESS,
      },
    ]);
    expect(batches[0]).toBeInstanceOf(ReadManyResourcesRequest);
    expect(clients.callsTo(ChartSubjects.readManyResources).map((call) => call.payload)).toEqual([
      {
        references: [
          ['Patient', 'p1'],
          ['Patient', 'p2'],
        ],
        access: ACCESS,
      },
    ]);
    expect(included).toHaveLength(7);
  });

  it('sends one revinclude per directive to the owner of its source type, and * to every other service', async () => {
    const included = await resolveForeignIncludes(
      clients.asServiceClients(),
      'chart',
      {
        include: [],
        revinclude: [
          { sourceType: 'Coverage', code: 'beneficiary', targets: ['Patient/p1', 'Patient/p2'] },
          { sourceType: '*', code: '*', targets: ['Patient/p1'] },
        ],
      },
      ACCESS,
    );
    expect(clients.callsTo(PracticeSubjects.revincludeResources).map((call) => call.payload)).toEqual([
      { sourceType: 'Coverage', code: 'beneficiary', targets: ['Patient/p1', 'Patient/p2'], access: ACCESS },
      { sourceType: '*', code: '*', targets: ['Patient/p1'], access: ACCESS },
    ]);
    expect(clients.callsTo(TerminologySubjects.revincludeResources)).toHaveLength(1);
    expect(clients.callsTo(ChartSubjects.revincludeResources)).toEqual([]);
    expect(included).toEqual([text('Coverage/of-p1'), text('Coverage/of-p2'), text('Coverage/of-p1')]);
  });
});
