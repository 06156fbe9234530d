import Client from 'fhir-kit-client';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, type JWTPayload } from 'jose';
import { DEMO_ACCOUNTS } from '@connector/embedded';
import { demoPatientId, demoPractitionerId, generateDemoBundle } from '@connector/fhir-demo-data';
import type { FlowOptions, FlowResult } from './authorize-flow';
import { postOAuth, type ClientAuth, type OAuthReply } from './authorize-session';
import { expectedResources, type ExpectedResource } from './expected-resources';
import { startSmartApp, type SmartApp } from './smart-app';
import { startListeningConnector, type ListeningConnector } from './smart-server';

/*
 * What the SMART App Launch specs share: an embedded Connector on a loopback port with the SMART clients
 * registered, two fhirclient apps, the demo data the expectations come from, and the plain-HTTP protocol steps.
 * See https://hl7.org/fhir/smart-app-launch/app-launch.html
 */

/* Expected values come from the demo bundle the server seeds itself with. */
const DEMO_BUNDLE = generateDemoBundle();
const DEMO = expectedResources(DEMO_BUNDLE);
export const PATIENTS = DEMO.filter((resource) => resource.type === 'Patient');
export const DEMO_PATIENT_ID = demoPatientId(DEMO_BUNDLE);
export const DEMO_PRACTITIONER_ID = demoPractitionerId(DEMO_BUNDLE);

function demoResource(type: string, id: string): ExpectedResource {
  const found = DEMO.find((resource) => resource.type === type && resource.id === id);
  if (found === undefined) {
    throw new Error(`no ${type}/${id} in the demo bundle`);
  }
  return found;
}

export const DEMO_PATIENT = demoResource('Patient', DEMO_PATIENT_ID);
export const OTHER_PATIENT = PATIENTS.find((patient) => patient.id !== DEMO_PATIENT_ID) as ExpectedResource;

/** An Encounter of the demo data set and its patient, for the EHR launch with an encounter in context. */
export const DEMO_ENCOUNTER = DEMO.find((resource) => resource.type === 'Encounter') as ExpectedResource;
export const ENCOUNTER_PATIENT_ID = String(
  (DEMO_ENCOUNTER.resource['subject'] as { reference: string }).reference,
).replace(/^Patient\//, '');

export const PUBLIC_CLIENT: ClientAuth = { clientId: 'smart-public' };
export const CONFIDENTIAL_CLIENT = { clientId: 'smart-confidential', secret: 'smart-confidential-secret' } as const;
const DEMO_CLIENT: ClientAuth = { clientId: DEMO_ACCOUNTS.client.clientId, secret: DEMO_ACCOUNTS.client.secret };
/** A redirect URI that is registered but never served: the plain-HTTP tests read the redirect, never follow it. */
export const PROTOCOL_REDIRECT = 'http://127.0.0.1:9/protocol-callback';

export const REFUSED_SCOPE = 'patient/Observation.rs';
const STANDALONE_SCOPE = `launch/patient openid fhirUser offline_access patient/Patient.rs ${REFUSED_SCOPE}`;
const EHR_SCOPE = 'launch openid fhirUser patient/*.rs';
const CLIENT_SCOPES = [
  'launch',
  'launch/patient',
  'openid',
  'fhirUser',
  'offline_access',
  'online_access',
  'patient/*.rs',
  'user/*.rs',
];

export const scopesOf = (value: unknown): string[] =>
  String(value ?? '')
    .split(' ')
    .filter(Boolean);

export function fhirKit(fhirBase: string, accessToken: string): Client {
  return new Client({ baseUrl: fhirBase, customHeaders: { Authorization: `Bearer ${accessToken}` } });
}

/** fhir-kit-client rejects with `{ response: { status } }` on an HTTP error. */
export async function statusOfFailure(promise: Promise<unknown>): Promise<number | 'resolved'> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return (error as { response?: { status?: number } }).response?.status ?? -1;
  }
}

/** Verifies an id_token's RS256 signature against the server's published JWKS, its issuer and audience. */
export async function verifiedIdToken(
  idToken: string,
  jwksUri: string,
  issuer: string,
  audience: string,
): Promise<JWTPayload> {
  const { payload, protectedHeader } = await jwtVerify(idToken, createRemoteJWKSet(new URL(jwksUri)), {
    issuer,
    audience,
  });
  expect(protectedHeader.alg).toBe('RS256');
  return payload;
}

/** A booted Connector with the SMART clients registered, and the protocol steps bound to it. */
export interface SmartFixture {
  readonly connector: ListeningConnector;
  /** The public client's fhirclient app, for the standalone launches. */
  readonly standaloneApp: SmartApp;
  /** The confidential client's fhirclient app, for the EHR launch. */
  readonly ehrApp: SmartApp;
  readonly tokenUrl: string;
  /** The server's `/.well-known/smart-configuration` document. */
  readonly smartConfiguration: Record<string, unknown>;
  /** A client authenticating with a signed JWT assertion (`client-confidential-asymmetric`). */
  readonly asymmetricClient: ClientAuth;
  /** A provider's authorize flow over plain HTTP, for the protocol tests. */
  protocolFlow(client: ClientAuth, overrides?: Partial<FlowOptions>): FlowOptions;
  exchange(client: ClientAuth, code: string, verifier: string | undefined): Promise<OAuthReply>;
  /** Redeems the code a finished authorize flow brought back, with that flow's PKCE verifier. */
  exchangeFlow(client: ClientAuth, flow: FlowResult): Promise<OAuthReply>;
  /** The HTTP status of reading the demo patient with `accessToken`. */
  readPatient(accessToken: string): Promise<number>;
  /** The EHR's own session: a demo user signed in through the demo service app (password grant). */
  passwordToken(user: { username: string; password: string }): Promise<string>;
  /** `POST /oauth/launch` with a JSON body, as an EHR creates the context of an app it is about to open. */
  createLaunch(body: Record<string, string>, token: string | undefined): Promise<Response>;
}

type SmartProtocol = Pick<
  SmartFixture,
  'protocolFlow' | 'exchange' | 'exchangeFlow' | 'readPatient' | 'passwordToken' | 'createLaunch'
>;

function smartProtocol(connector: ListeningConnector, tokenUrl: string): SmartProtocol {
  const exchange: SmartProtocol['exchange'] = (client, code, verifier) =>
    postOAuth(tokenUrl, client, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: PROTOCOL_REDIRECT,
      ...(verifier === undefined ? {} : { code_verifier: verifier }),
    });
  return {
    protocolFlow: (client, overrides = {}) => ({
      origin: connector.origin,
      fhirBase: connector.fhirBase,
      clientId: client.clientId,
      redirectUri: PROTOCOL_REDIRECT,
      scope: 'launch/patient offline_access patient/Patient.rs',
      user: DEMO_ACCOUNTS.provider,
      patient: DEMO_PATIENT_ID,
      ...overrides,
    }),
    exchange,
    exchangeFlow: (client, flow) => exchange(client, flow.redirect.searchParams.get('code') ?? '', flow.pkce.verifier),
    readPatient: async (accessToken) => {
      const response = await fetch(`${connector.fhirBase}/Patient/${DEMO_PATIENT_ID}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      return response.status;
    },
    passwordToken: async (user) => {
      const reply = await postOAuth(tokenUrl, DEMO_CLIENT, { grant_type: 'password', ...user });
      return String(reply.body['access_token']);
    },
    createLaunch: (body, token) =>
      fetch(`${connector.origin}/oauth/launch`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify(body),
      }),
  };
}

/** Registers the public and the confidential client, each with its app's redirect URI and the protocol one. */
async function registerSecretClients(
  connector: ListeningConnector,
  standaloneApp: SmartApp,
  ehrApp: SmartApp,
): Promise<void> {
  await connector.registerClient({
    clientId: PUBLIC_CLIENT.clientId,
    name: 'SMART e2e public app',
    scopes: CLIENT_SCOPES,
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: [standaloneApp.redirectUri, PROTOCOL_REDIRECT],
    launchTypes: ['standalone', 'ehr'],
  });
  await connector.registerClient({
    clientId: CONFIDENTIAL_CLIENT.clientId,
    clientSecret: CONFIDENTIAL_CLIENT.secret,
    name: 'SMART e2e confidential app',
    scopes: CLIENT_SCOPES,
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: [ehrApp.redirectUri, PROTOCOL_REDIRECT],
    launchTypes: ['standalone', 'ehr'],
  });
}

/** Registers a client that authenticates with an ES384 key pair made here; returns how to sign as it. */
async function registerAsymmetricClient(connector: ListeningConnector): Promise<ClientAuth> {
  const { privateKey, publicKey } = await generateKeyPair('ES384');
  const kid = 'smart-asymmetric-key-1';
  const asymmetricClient: ClientAuth = { clientId: 'smart-asymmetric', signingKey: { privateKey, kid, alg: 'ES384' } };
  await connector.registerClient({
    clientId: asymmetricClient.clientId,
    name: 'SMART e2e asymmetric app',
    scopes: CLIENT_SCOPES,
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: [PROTOCOL_REDIRECT],
    launchTypes: ['standalone'],
    jwks: JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES384', use: 'sig' }] }),
  });
  return asymmetricClient;
}

async function fetchSmartConfiguration(connector: ListeningConnector): Promise<Record<string, unknown>> {
  const response = await fetch(`${connector.fhirBase}/.well-known/smart-configuration`);
  return (await response.json()) as Record<string, unknown>;
}

/** Closes the parts in order, skipping those a failed boot never reached. */
async function closeAll(parts: readonly ({ close(): Promise<void> } | undefined)[]): Promise<void> {
  for (const part of parts) {
    await part?.close();
  }
}

/** Boots the Connector and both apps and registers the clients; on failure closes what it had started. */
export async function startSmartFixture(): Promise<SmartFixture> {
  const connector = await startListeningConnector();
  let standaloneApp: SmartApp | undefined;
  let ehrApp: SmartApp | undefined;
  try {
    const tokenUrl = `${connector.origin}/oauth/token`;
    standaloneApp = await startSmartApp({
      iss: connector.fhirBase,
      clientId: PUBLIC_CLIENT.clientId,
      scope: STANDALONE_SCOPE,
    });
    ehrApp = await startSmartApp({
      iss: connector.fhirBase,
      clientId: CONFIDENTIAL_CLIENT.clientId,
      clientSecret: CONFIDENTIAL_CLIENT.secret,
      scope: EHR_SCOPE,
    });
    await registerSecretClients(connector, standaloneApp, ehrApp);
    const asymmetricClient = await registerAsymmetricClient(connector);
    const smartConfiguration = await fetchSmartConfiguration(connector);
    const protocol = smartProtocol(connector, tokenUrl);
    return { connector, standaloneApp, ehrApp, tokenUrl, smartConfiguration, asymmetricClient, ...protocol };
  } catch (error) {
    await closeAll([standaloneApp, ehrApp, connector]);
    throw error;
  }
}

/** Stops the apps, then the Connector; takes `undefined` when the boot failed (it has cleaned up already). */
export async function stopSmartFixture(fixture: SmartFixture | undefined): Promise<void> {
  if (fixture !== undefined) {
    await closeAll([fixture.standaloneApp, fixture.ehrApp, fixture.connector]);
  }
}
