import type { FastifyReply, FastifyRequest } from 'fastify';
import { Html, HtmlBuilder, HtmlBytes } from '../../platform/views/html.ts';
import { createTemplateEnvironment } from '../../platform/views/views.ts';
import type { RateLimit } from './rateLimit.ts';
import { type ResultsContext, resultsBody } from './resultsMarkup.ts';

/** Where "Exit this page" goes: a neutral site that says nothing about support. */
export const exitUrl = 'https://www.bbc.co.uk/weather';

const env = createTemplateEnvironment();

/** A finder page's HTML, from its template in pages/. */
export function renderFinderPage(template: string, context: Record<string, unknown> = {}): string {
  return env.render(`features/finder/pages/${template}`, { exitUrl, ...context });
}

const bodyMarker = '<!-- the results -->';
/** The results page's frame around its body, when it has no error summary: the same for every search. */
let resultsFrame: { before: HtmlBytes; after: HtmlBytes } | undefined;

/** The results page's HTML as bytes: its body written in TypeScript, in a frame rendered once. */
export function renderResultsPage(context: ResultsContext): Buffer {
  if (context.errorList.length) {
    const body = resultsBody(context).bytes().toString();
    return Buffer.from(renderFinderPage('results.njk', { ...context, body }));
  }
  if (!resultsFrame) {
    // The frame is Nunjucks's output with its values escaped, so it is markup as it stands.
    const frame = renderFinderPage('results.njk', { pageTitle: context.pageTitle, body: bodyMarker });
    const at = frame.indexOf(bodyMarker);
    resultsFrame = {
      before: HtmlBytes.of(new Html(frame.slice(0, at))),
      after: HtmlBytes.of(new Html(frame.slice(at + bodyMarker.length))),
    };
  }
  return resultsBody(context, new HtmlBuilder().add(resultsFrame.before)).add(resultsFrame.after).bytes();
}

/**
 * Renders a finder page. Unlike reply.page() it makes no CSRF token, so no
 * cookie is ever set, and it reads no session: the public finder leaves
 * nothing behind in the browser. Nothing here may be cached.
 */
export function finderPage(reply: FastifyReply, template: string, context: Record<string, unknown> = {}) {
  return sendFinderPage(reply, renderFinderPage(template, context));
}

/** Sends a finder page's HTML, never to be cached. */
export function sendFinderPage(reply: FastifyReply, html: string | Buffer) {
  return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

/** Refuses a POST beyond the address's limit with the friendly 429 page; true when refused. */
export function refusedByLimit(limit: RateLimit, request: FastifyRequest, reply: FastifyReply): boolean {
  if (limit.allow(request.ip)) return false;
  reply.code(429).header('retry-after', String(limit.retryAfter(request.ip)));
  finderPage(reply, 'tooMany.njk', { pageTitle: 'Please wait a minute' });
  return true;
}
