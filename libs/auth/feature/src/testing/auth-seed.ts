import type { CreateClientRequest, CreateUserRequest } from '@connector/contracts';

/** A confidential client that may use the password grant for staff and patient scopes. */
export const WEB_CLIENT = {
  clientId: 'web-app',
  clientSecret: 'web-app-secret',
  name: 'Web app',
  scopes: ['openid', 'fhirUser', 'user/*.read', 'patient/*.read'],
  grantTypes: ['password'],
} satisfies CreateClientRequest;

/** A public client: no secret, identifies itself by client_id alone. */
export const PUBLIC_CLIENT = {
  clientId: 'public-app',
  scopes: ['launch/patient', 'patient/*.read'],
  grantTypes: ['password'],
} satisfies CreateClientRequest;

/** A confidential client registered only for client_credentials, which this server does not implement yet. */
export const BATCH_CLIENT = {
  clientId: 'batch-app',
  clientSecret: 'batch-app-secret',
  scopes: ['user/*.read'],
  grantTypes: ['client_credentials'],
} satisfies CreateClientRequest;

export const PROVIDER_USER = {
  username: 'demo-provider',
  password: 'provider-password',
  role: 'provider',
  fhirUser: 'Practitioner/prac-1',
} satisfies CreateUserRequest;

export const PATIENT_USER = {
  username: 'demo-patient',
  password: 'patient-password',
  role: 'patient',
  fhirUser: 'Patient/pat-1',
  patientIds: ['pat-1'],
} satisfies CreateUserRequest;

export const REPRESENTATIVE_USER = {
  username: 'demo-parent',
  password: 'parent-password',
  role: 'authorized-representative',
  fhirUser: 'RelatedPerson/rp-1',
  patientIds: ['pat-1', 'pat-2'],
} satisfies CreateUserRequest;
