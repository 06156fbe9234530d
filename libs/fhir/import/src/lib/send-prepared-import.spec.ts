import {
  ImportResourcesReply,
  RESOURCE_SERVICE_SUBJECTS,
  type ImportResourcesRequest,
  type ResourceServiceName,
} from '@connector/contracts';
import { prepareImport } from './prepare-import';
import { ImportRequestError, sendPreparedImport, type ImportClients } from './send-prepared-import';

interface SentRequest {
  service: ResourceServiceName;
  subject: string;
  payload: ImportResourcesRequest;
}

/** Services that store everything as created, except `failing`, which rejects. */
function fakeClients(sent: SentRequest[], failing?: ResourceServiceName): ImportClients {
  return {
    get: (service) => ({
      request: <T extends object>(subject: string, payload: object, replyType: new () => T): Promise<T> => {
        const request = payload as ImportResourcesRequest;
        sent.push({ service, subject, payload: request });
        if (service === failing) {
          return Promise.reject(new Error('database is locked'));
        }
        expect(replyType).toBe(ImportResourcesReply);
        const byType: Record<string, number> = {};
        for (const { resourceType } of request.resources) {
          byType[resourceType] = (byType[resourceType] ?? 0) + 1;
        }
        const reply = Object.assign(new ImportResourcesReply(), {
          created: request.resources.length,
          updated: 0,
          unchanged: 0,
          byType,
        });
        return Promise.resolve(reply as unknown as T);
      },
    }),
  };
}

const bundle = {
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    { resource: { resourceType: 'Patient', id: 'p' } },
    { resource: { resourceType: 'Coverage', id: 'c', beneficiary: { reference: 'Patient/p' } } },
    { resource: { resourceType: 'Observation', id: 'o' } },
  ],
};

describe('sendPreparedImport', () => {
  it('sends one import request per owning service and sums the replies', async () => {
    const sent: SentRequest[] = [];

    const result = await sendPreparedImport(fakeClients(sent), prepareImport(bundle, 'b.json'));

    expect(sent).toEqual([
      {
        service: 'chart',
        subject: RESOURCE_SERVICE_SUBJECTS.chart.importResources,
        payload: { source: 'b.json', resources: [bundle.entry[0]?.resource, bundle.entry[2]?.resource] },
      },
      {
        service: 'practice',
        subject: RESOURCE_SERVICE_SUBJECTS.practice.importResources,
        payload: { source: 'b.json', resources: [bundle.entry[1]?.resource] },
      },
    ]);
    expect(result).toMatchObject({
      source: 'b.json',
      created: 3,
      updated: 0,
      unchanged: 0,
      byType: { Patient: 1, Observation: 1, Coverage: 1 },
    });
    expect([...result.byService.keys()]).toEqual(['chart', 'practice']);
  });

  it('stops at the first rejecting service and says which services already imported', async () => {
    const sent: SentRequest[] = [];

    const error = await sendPreparedImport(fakeClients(sent, 'practice'), prepareImport(bundle, 'b.json')).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(ImportRequestError);
    expect(error).toMatchObject({ source: 'b.json', service: 'practice', imported: ['chart'] });
    expect((error as Error).message).toBe('the practice service rejected the import: database is locked');
  });

  it('sends nothing for an empty file', async () => {
    const sent: SentRequest[] = [];

    const result = await sendPreparedImport(
      fakeClients(sent),
      prepareImport({ resourceType: 'Bundle', entry: [] }, 'e'),
    );

    expect(sent).toEqual([]);
    expect(result).toMatchObject({ created: 0, updated: 0, unchanged: 0, byType: {} });
  });
});
