import { Inject, Injectable } from '@nestjs/common';
import { ChartSubjects, FULL_ACCESS, SearchResourcesReply, type SearchResourcesRequest } from '@connector/contracts';
import type { ServiceClients } from '@connector/shared-transport';
import type { PatientChoice } from './authorize-pages.html';

/** Injection token: connects (once, on first use) the clients the auth service uses to reach the chart service. */
export const RESOURCE_SERVICE_CLIENTS = 'RESOURCE_SERVICE_CLIENTS';
export type LazyServiceClients = () => Promise<ServiceClients>;

const PICKER_PAGE_SIZE = 20;

interface PatientJson {
  readonly id?: string;
  readonly birthDate?: string;
  readonly name?: readonly { readonly text?: string; readonly family?: string; readonly given?: readonly string[] }[];
}

/**
 * The patients the picker offers, read from the chart service (which owns Patient) with full access: the picker is
 * shown only to signed-in providers and staff, or limited to a representative's own patients by id.
 */
@Injectable()
export class PatientDirectoryService {
  constructor(@Inject(RESOURCE_SERVICE_CLIENTS) private readonly clients: LazyServiceClients) {}

  /** Patients whose name matches `query` (all, when empty), the first page in name order. */
  search(query: string, fhirBaseUrl: string): Promise<PatientChoice[]> {
    const params: [string, string][] = [
      ['_count', String(PICKER_PAGE_SIZE)],
      ['_sort', 'family,given'],
    ];
    if (query.trim() !== '') {
      params.push(['name', query.trim()]);
    }
    return this.find(params, fhirBaseUrl);
  }

  /** The given patients that exist, in name order. */
  byIds(ids: readonly string[], fhirBaseUrl: string): Promise<PatientChoice[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return this.find(
      [
        ['_id', ids.join(',')],
        ['_count', String(Math.max(ids.length, 1))],
        ['_sort', 'family,given'],
      ],
      fhirBaseUrl,
    );
  }

  private async find(params: [string, string][], fhirBaseUrl: string): Promise<PatientChoice[]> {
    const request: SearchResourcesRequest = {
      resourceType: 'Patient',
      params,
      lenient: false,
      baseUrl: fhirBaseUrl,
      access: { ...FULL_ACCESS },
    };
    const clients = await this.clients();
    const reply = await clients.get('chart').request(ChartSubjects.searchResources, request, SearchResourcesReply);
    return reply.resources.map((text) => choiceOf(JSON.parse(text) as PatientJson));
  }
}

function choiceOf(patient: PatientJson): PatientChoice {
  const name = patient.name?.[0];
  const display = name?.text ?? [...(name?.given ?? []), name?.family].filter((part) => part !== undefined).join(' ');
  return {
    id: patient.id ?? '',
    name: display === '' ? `Patient ${patient.id ?? ''}` : display,
    ...(patient.birthDate === undefined ? {} : { birthDate: patient.birthDate }),
  };
}
