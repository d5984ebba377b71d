import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp } from '../app.ts';
import type { Database } from '../db/client.ts';
import { testPassword } from './fixtures.ts';

/** The real app over a test database, quiet, for app.inject(). */
export function testApp(database: Database): Promise<FastifyInstance> {
  return createApp({
    database,
    config: { logLevel: 'silent', trustProxy: false, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 },
  });
}

/** A browser-like cookie jar over app.inject: keeps cookies and finds the CSRF token in forms. */
export class TestBrowser {
  private readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(
    readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && new Date(cookie.expires).getTime() < Date.now()))
        this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
    return response;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({
        method: 'GET',
        url,
        headers: { cookie: this.cookieHeader() },
        remoteAddress: this.ip,
      }),
    );
  }

  /** Posts a form with the CSRF token from the last page fetched, unless one is given. */
  async post(url: string, form: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    if (!('_csrf' in form)) body.append('_csrf', this.csrf);
    for (const [name, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        remoteAddress: this.ip,
      }),
    );
  }

  /** Signs in through the sign-in form; throws unless Hearth redirects as it does on success. */
  async signIn(email: string, password = testPassword): Promise<void> {
    await this.get('/sign-in');
    const response = await this.post('/sign-in', { email, password });
    if (response.statusCode !== 302) throw new Error(`sign-in failed with ${response.statusCode}`);
  }
}
