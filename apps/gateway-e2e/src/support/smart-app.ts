import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

/*
 * A real SMART app, written the way an app developer would with the official SMART JavaScript client
 * (`fhirclient`, node adapter): `/launch` calls authorize(), `/callback` calls ready() and reads the patient.
 * See http://docs.smarthealthit.org/client-js/ and https://hl7.org/fhir/smart-app-launch/app-launch.html
 */

/** The part of fhirclient's Storage interface the node adapter uses. */
interface SmartStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<unknown>;
  unset(key: string): Promise<boolean>;
}

/** What this app uses of a fhirclient Client. */
interface SmartClient {
  readonly state: { readonly tokenResponse?: Record<string, unknown>; readonly serverUrl: string };
  readonly patient: { readonly id: string | null; read(): Promise<Record<string, unknown>> };
  request(url: string): Promise<Record<string, unknown>>;
  getIdToken(): Record<string, unknown> | null;
  getFhirUser(): string | null;
}

interface SmartApi {
  authorize(options: Record<string, unknown>): Promise<unknown>;
  ready(): Promise<SmartClient>;
}

type SmartFactory = (request: IncomingMessage, response: ServerResponse, storage: SmartStorage) => SmartApi;

/*
 * Loaded at run time and typed locally: fhirclient's own typings carry `/// <reference lib="dom" />`, which would
 * put the DOM globals into the type check of every file in the repository.
 */
const smart = createRequire(__filename)('fhirclient/lib/entry/node') as SmartFactory;

/** What `/callback` shows (as JSON in `<pre id="result">`) and records for the test. */
export interface SmartAppResult {
  /** `client.patient.id`: the patient in context, from the token response. */
  readonly patientId: string | null;
  /** `client.request('Patient/' + id)`. */
  readonly requested: Record<string, unknown>;
  /** `client.patient.read()`. */
  readonly read: Record<string, unknown>;
  readonly fhirUser: string | null;
  readonly idToken: Record<string, unknown> | null;
  readonly tokenResponse: Record<string, unknown>;
}

export interface SmartAppOptions {
  /** The FHIR base URL the app is pointed at for a standalone launch (an EHR launch passes its own `iss`). */
  readonly iss: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly scope: string;
}

export interface SmartApp {
  readonly origin: string;
  readonly launchUrl: string;
  readonly redirectUri: string;
  /** Every completed `/callback`, oldest first. */
  readonly results: SmartAppResult[];
  close(): Promise<void>;
}

const SESSION_COOKIE = 'smart_app_session';

/** One in-memory session per browser, keyed by a cookie: fhirclient keeps its launch state there between steps. */
class SessionStore {
  private readonly sessions = new Map<string, Map<string, unknown>>();

  storageFor(request: IncomingMessage, response: ServerResponse): SmartStorage {
    const id = sessionIdOf(request) ?? this.open(response);
    const session = this.sessions.get(id) ?? new Map<string, unknown>();
    this.sessions.set(id, session);
    return {
      get: async (key) => session.get(key),
      set: async (key, value) => {
        session.set(key, value);
        return value;
      },
      unset: async (key) => session.delete(key),
    };
  }

  private open(response: ServerResponse): string {
    const id = randomUUID();
    response.setHeader('set-cookie', `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`);
    return id;
  }
}

function sessionIdOf(request: IncomingMessage): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value) {
      return value;
    }
  }
  return undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function sendPage(response: ServerResponse, status: number, id: string, text: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  response.end(`<!DOCTYPE html><html><body><pre id="${id}">${escapeHtml(text)}</pre></body></html>`);
}

async function completeLaunch(api: SmartApi): Promise<SmartAppResult> {
  const client = await api.ready();
  const patientId = client.patient.id;
  if (patientId === null) {
    throw new Error('no patient in context');
  }
  return {
    patientId,
    requested: await client.request(`Patient/${patientId}`),
    read: await client.patient.read(),
    fhirUser: client.getFhirUser(),
    idToken: client.getIdToken(),
    tokenResponse: client.state.tokenResponse ?? {},
  };
}

async function handle(
  options: SmartAppOptions,
  app: { redirectUri: string; results: SmartAppResult[] },
  sessions: SessionStore,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://app.invalid').pathname;
  const api = smart(request, response, sessions.storageFor(request, response));
  if (path === '/launch') {
    const { iss, clientId, clientSecret, scope } = options;
    await api.authorize({
      iss,
      clientId,
      scope,
      redirectUri: app.redirectUri,
      ...(clientSecret ? { clientSecret } : {}),
    });
    return;
  }
  if (path === '/callback') {
    const result = await completeLaunch(api);
    app.results.push(result);
    sendPage(response, 200, 'result', JSON.stringify(result, null, 2));
    return;
  }
  sendPage(response, 404, 'error', 'not found');
}

/** Starts the app on a loopback port. */
export async function startSmartApp(options: SmartAppOptions): Promise<SmartApp> {
  const sessions = new SessionStore();
  const state = { redirectUri: '', results: [] as SmartAppResult[] };
  const server: Server = createServer((request, response) => {
    handle(options, state, sessions, request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        sendPage(response, 500, 'error', error instanceof Error ? error.message : String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('the SMART app is not listening on a port');
  }
  const origin = `http://127.0.0.1:${address.port}`;
  state.redirectUri = `${origin}/callback`;
  return {
    origin,
    launchUrl: `${origin}/launch`,
    redirectUri: state.redirectUri,
    results: state.results,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
