import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
import { addAuditTemplateFilters } from '../../features/audit/auditTemplateFilters.ts';
import { navigationFor } from './navigation.ts';

// Formatters made once: toLocaleString builds a new Intl formatter on every call, about 0.4 ms each.
const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});

/** A day as the templates' `date` filter writes it ("30 Nov 2026", UK time), or nothing. */
export function formatDate(value: Date | string | null | undefined): string {
  return value ? dateFormat.format(new Date(value)) : '';
}

/** A moment as the templates' `dateTime` filter writes it ("30 Nov 2026, 14:05", UK time), or nothing. */
export function formatDateTime(value: Date | string | null | undefined): string {
  return value ? dateTimeFormat.format(new Date(value)) : '';
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The one Nunjucks environment: templates under src/, then the GOV.UK and MOJ macros. */
export function createTemplateEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(
      [
        path.join(root, 'src'),
        path.join(root, 'node_modules/govuk-frontend/dist'),
        path.join(root, 'node_modules/@ministryofjustice/frontend'),
      ],
      { noCache: false },
    ),
    { autoescape: true, throwOnUndefined: false },
  );
  // Nunjucks's own trim uses /^\s*|\s*$/g, which is quadratic in runs of whitespace: on the
  // GOV.UK macros' indented output it cost more than the rest of a page render. String#trim
  // removes exactly the same characters (WhiteSpace and LineTerminator) in linear time.
  env.addFilter('trim', (value: string | nunjucks.runtime.SafeString) => {
    const trimmed = String.prototype.trim.call(value);
    return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
  });
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('date', formatDate);
  // Charts of the provision audit's tables, drawn on the server.
  addAuditTemplateFilters(env);
  return env;
}

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page template with the layout's shared values. */
    page(template: string, context?: Record<string, unknown>): FastifyReply;
  }
}

/** Adds reply.page(), which renders a template with the user, navigation and CSRF token. */
export function setUpViews(app: FastifyInstance): void {
  const env = createTemplateEnvironment();
  app.decorateReply(
    'page',
    function page(this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const request: FastifyRequest = this.request;
      const csrfToken = this.generateCsrf({ secure: request.protocol === 'https' });
      // A body written in TypeScript that holds forms is a function of the page's CSRF token.
      const body = typeof context.body === 'function' ? { body: context.body(csrfToken) } : {};
      const html = env.render(template, {
        user: request.user,
        navigation: navigationFor(request.user, request.url),
        csrfToken,
        currentPath: request.url,
        unreadNotifications: request.unreadNotifications,
        ...context,
        ...body,
      });
      return this.type('text/html; charset=utf-8').send(html);
    },
  );
}
