import {
  AuthSubjects,
  CountResourcesReply,
  CreateClientReply,
  CreateUserReply,
  RESOURCE_SERVICE_NAMES,
  RESOURCE_SERVICE_SUBJECTS,
} from '@connector/contracts';
import { demoPatientId, demoPractitionerId, generateDemoBundle } from '@connector/fhir-demo-data';
import { prepareImport, sendPreparedImport } from '@connector/fhir-import';
import type { ServiceClients } from '@connector/shared-transport';

/** The demo accounts printed at start-up (embedded mode only; distributed mode never creates them). */
export const DEMO_ACCOUNTS = {
  client: { clientId: 'demo-app', secret: 'demo-secret' },
  provider: { username: 'demo-provider', password: 'demo' },
  patient: { username: 'demo-patient', password: 'demo' },
} as const;

export type DemoAccounts = typeof DEMO_ACCOUNTS;

export interface DemoSeedResult {
  seeded: boolean;
  patientId: string;
}

async function storeIsEmpty(clients: ServiceClients): Promise<boolean> {
  for (const service of RESOURCE_SERVICE_NAMES) {
    const { total } = await clients
      .get(service)
      .request(RESOURCE_SERVICE_SUBJECTS[service].countResources, {}, CountResourcesReply);
    if (total > 0) {
      return false;
    }
  }
  return true;
}

/**
 * First start of an embedded server with an empty store: import the deterministic demo data set and create the demo
 * accounts — through the same subjects an operator's CLI uses, so the demo exercises the real paths.
 */
export async function seedDemoIfEmpty(clients: ServiceClients): Promise<DemoSeedResult> {
  const bundle = generateDemoBundle();
  const patientId = demoPatientId(bundle);
  if (!(await storeIsEmpty(clients))) {
    return { seeded: false, patientId };
  }
  await sendPreparedImport(clients, prepareImport(bundle, 'demo-data'));
  const auth = clients.get('auth');
  await auth.request(
    AuthSubjects.createClient,
    {
      clientId: DEMO_ACCOUNTS.client.clientId,
      clientSecret: DEMO_ACCOUNTS.client.secret,
      name: 'Connector demo service app',
      scopes: ['user/*.read', 'patient/*.read', 'openid', 'fhirUser', 'offline_access'],
      grantTypes: ['password'],
    },
    CreateClientReply,
  );
  await auth.request(
    AuthSubjects.createUser,
    { ...DEMO_ACCOUNTS.provider, role: 'provider', fhirUser: `Practitioner/${demoPractitionerId(bundle)}` },
    CreateUserReply,
  );
  await auth.request(
    AuthSubjects.createUser,
    { ...DEMO_ACCOUNTS.patient, role: 'patient', fhirUser: `Patient/${patientId}`, patientIds: [patientId] },
    CreateUserReply,
  );
  return { seeded: true, patientId };
}
