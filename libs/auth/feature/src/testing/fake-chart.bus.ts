import { ChartSubjects } from '@connector/contracts';
import { InProcessBus } from '@connector/shared-transport';

/** A Patient as the fake chart service stores it. */
export interface FakePatient {
  readonly id: string;
  readonly family: string;
  readonly given: string;
  readonly birthDate: string;
}

/**
 * An in-process bus on which only `chart.resource.search` for Patient answers, over a fixed list: enough for the
 * auth service's patient picker in unit specs (the real chart service is exercised by the e2e suites). It honours
 * `_id` (comma-separated) and `name` (case-insensitive prefix of family or given), the two parameters the picker sends.
 */
export function fakeChartBus(patients: readonly FakePatient[]): InProcessBus {
  const bus = new InProcessBus();
  bus.register(ChartSubjects.searchResources, (_subject, data, _headers, respond) => {
    const params = (data as { params: [string, string][] }).params;
    const ids = params.find(([name]) => name === '_id')?.[1].split(',');
    const name = params.find(([key]) => key === 'name')?.[1].toLowerCase();
    const matches = patients.filter(
      (patient) =>
        (ids === undefined || ids.includes(patient.id)) &&
        (name === undefined || [patient.family, patient.given].some((part) => part.toLowerCase().startsWith(name))),
    );
    const resources = matches.map((patient) =>
      JSON.stringify({
        resourceType: 'Patient',
        id: patient.id,
        name: [{ family: patient.family, given: [patient.given] }],
        birthDate: patient.birthDate,
      }),
    );
    respond({ response: { resources, warnings: [], canonicalParams: params }, isDisposed: true });
  });
  return bus;
}
