import {
  ChartSubjects,
  type IncludeFromRequest,
  PracticeSubjects,
  type ReadManyResourcesRequest,
} from '@connector/contracts';
import { FakeServiceClients } from '../../testing/fake-service-clients';
import { MAX_CROSS_SERVICE_ROUNDS, resolveIncludesAcrossServices } from './iterated-include.resolver';

const text = (reference: string) => {
  const [resourceType, id] = reference.split('/');
  return JSON.stringify({ resourceType, id });
};
const ACCESS = { patients: ['p1'] };
const readMany = (payload: object) => ({
  resources: (payload as ReadManyResourcesRequest).references.map(([type, id]) => text(`${type}/${id}`)),
});

describe(resolveIncludesAcrossServices.name, () => {
  it('hands what one service included to its owner with the :iterate parameters, and follows the new foreign work', async () => {
    const clients = new FakeServiceClients({
      [PracticeSubjects.readManyResources]: readMany,
      [ChartSubjects.readManyResources]: readMany,
      // Practice continues from Appointment/a1: it points at Practitioner/d1, which chart holds.
      [PracticeSubjects.includeFromResources]: () => ({
        included: [text('Slot/s1')],
        foreign: { include: [{ path: 'Appointment:practitioner', references: ['Practitioner/d1'] }], revinclude: [] },
      }),
      [ChartSubjects.includeFromResources]: () => ({ included: [text('Patient/p1')] }),
    });

    const included = await resolveIncludesAcrossServices(clients.asServiceClients(), {
      resourceType: 'Patient',
      searchedService: 'chart',
      known: [text('Patient/p1')],
      foreign: { include: [{ path: 'Patient:x', references: ['Appointment/a1'] }], revinclude: [] },
      canonicalParams: [
        ['_id', 'p1'],
        ['_include:iterate', 'Appointment:practitioner'],
        ['_revinclude:recurse', 'Slot:schedule'],
      ],
      access: ACCESS,
    });

    expect(included).toEqual([text('Appointment/a1'), text('Slot/s1'), text('Practitioner/d1')]);
    const continuation = clients.callsTo(PracticeSubjects.includeFromResources).map((call) => call.payload);
    expect(continuation).toEqual([
      {
        resourceType: 'Patient',
        params: [
          ['_include:iterate', 'Appointment:practitioner'],
          ['_revinclude:recurse', 'Slot:schedule'],
        ],
        frontier: ['Appointment/a1'],
        access: ACCESS,
      } satisfies IncludeFromRequest,
    ]);
    expect(
      clients.callsTo(ChartSubjects.includeFromResources).map((call) => (call.payload as IncludeFromRequest).frontier),
    ).toEqual([['Practitioner/d1']]);
  });

  it('asks no service to continue when the search has no :iterate directive', async () => {
    const clients = new FakeServiceClients({ [PracticeSubjects.readManyResources]: readMany });
    const included = await resolveIncludesAcrossServices(clients.asServiceClients(), {
      resourceType: 'Patient',
      searchedService: 'chart',
      known: [],
      foreign: { include: [{ path: 'Patient:x', references: ['Appointment/a1'] }], revinclude: [] },
      canonicalParams: [['_include', 'Patient:x']],
      access: {},
    });
    expect(included).toEqual([text('Appointment/a1')]);
    expect(clients.calls.map((call) => call.subject)).toEqual([PracticeSubjects.readManyResources]);
  });

  it(`stops after ${MAX_CROSS_SERVICE_ROUNDS} rounds even when every round finds something new`, async () => {
    let next = 0;
    const clients = new FakeServiceClients({
      [PracticeSubjects.readManyResources]: readMany,
      [PracticeSubjects.includeFromResources]: () => ({
        included: [],
        foreign: { include: [{ path: 'Appointment:x', references: [`Appointment/n${next++}`] }], revinclude: [] },
      }),
    });
    await resolveIncludesAcrossServices(clients.asServiceClients(), {
      resourceType: 'Appointment',
      searchedService: 'practice',
      known: [],
      foreign: { include: [{ path: 'Appointment:x', references: ['Appointment/start'] }], revinclude: [] },
      canonicalParams: [['_include:iterate', 'Appointment:x']],
      access: {},
    });
    expect(clients.callsTo(PracticeSubjects.includeFromResources)).toHaveLength(MAX_CROSS_SERVICE_ROUNDS + 1);
  });
});
