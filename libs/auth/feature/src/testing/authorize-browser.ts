import type { AuthPageReply, AuthPageRequest, AuthorizeStep } from '@connector/contracts';
import type { AuthHandler } from '../lib/auth.handler';
import { TEST_BASE_URL } from './auth-test-module';

/** The FHIR base URL `aud` must name in the specs (the gateway would pass every base path of its origin). */
export const TEST_FHIR_BASE = `${TEST_BASE_URL}/fhir`;

/**
 * A browser stand-in for the authorize pages: keeps the binding cookie the server sets, and fills in the hidden
 * `request` and `csrf` fields of the last page it saw, as a user's browser would when submitting its form.
 */
export class AuthorizeBrowser {
  private cookie: string | undefined;
  private lastHtml = '';
  readonly ip: string;

  constructor(
    private readonly handler: AuthHandler,
    ip = '192.0.2.10',
  ) {
    this.ip = ip;
  }

  get html(): string {
    return this.lastHtml;
  }

  /** A hidden or text field's value in the last page, by name. */
  field(name: string): string | undefined {
    return new RegExp(`name="${name}" value="([^"]*)"`).exec(this.lastHtml)?.[1];
  }

  /** Every radio or checkbox value named `name` in the last page. */
  choices(name: string): string[] {
    return [...this.lastHtml.matchAll(new RegExp(`name="${name}" value="([^"]*)"`, 'g'))].map((match) => match[1]);
  }

  start(params: Record<string, string>): Promise<AuthPageReply> {
    return this.send('authorize', 'GET', Object.entries(params));
  }

  /** Submits the current page's form with these fields (the hidden ones are added unless overridden). */
  submit(step: Exclude<AuthorizeStep, 'authorize'>, fields: [string, string][]): Promise<AuthPageReply> {
    const hidden: [string, string][] = [
      ['request', this.field('request') ?? ''],
      ['csrf', this.field('csrf') ?? ''],
    ];
    const overridden = new Set(fields.map(([name]) => name));
    return this.send(step, 'POST', [...hidden.filter(([name]) => !overridden.has(name)), ...fields]);
  }

  forgetCookie(): void {
    this.cookie = undefined;
  }

  private async send(step: AuthorizeStep, method: 'GET' | 'POST', params: [string, string][]): Promise<AuthPageReply> {
    const request: AuthPageRequest = {
      step,
      method,
      params,
      ...(this.cookie === undefined ? {} : { cookie: this.cookie }),
      clientIp: this.ip,
      fhirBaseUrls: [TEST_FHIR_BASE],
      secure: true,
    };
    const reply = await this.handler.authorizePage(request);
    const setCookie = reply.headers['set-cookie'];
    if (setCookie !== undefined) {
      this.cookie = setCookie.split(';')[0];
    }
    if (reply.html !== undefined) {
      this.lastHtml = reply.html;
    }
    return reply;
  }
}

/** The query parameters of a redirect reply's Location. */
export function redirectParams(reply: AuthPageReply): URLSearchParams {
  return new URL(reply.headers['location'] ?? 'invalid:').searchParams;
}
