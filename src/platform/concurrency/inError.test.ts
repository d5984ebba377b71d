import Fastify, { type FastifyReply } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  checkInErrorReason,
  type InErrorPost,
  inErrorForm,
  maxInErrorReason,
  postInError,
} from './inError.ts';
import { editToken, StaleEditError } from './optimisticLock.ts';

describe('the reason a record was recorded in error', () => {
  it('asks for a reason, naming the record', () => {
    expect(checkInErrorReason({ reason: '  ' }, 'visit')).toEqual({
      ok: false,
      error: 'Enter why this visit was recorded in error',
    });
    expect(checkInErrorReason({}, 'visit').ok).toBe(false);
  });

  it('refuses a reason over the limit and keeps one at it, trimmed', () => {
    expect(checkInErrorReason({ reason: 'x'.repeat(maxInErrorReason + 1) }, 'visit')).toEqual({
      ok: false,
      error: `The reason must be ${maxInErrorReason} characters or fewer`,
    });
    const longest = 'y'.repeat(maxInErrorReason);
    expect(checkInErrorReason({ reason: ` ${longest} ` }, 'visit')).toEqual({ ok: true, reason: longest });
  });

  it('opens the confirm page empty at the version loaded', () => {
    expect(inErrorForm(4)).toEqual({ edit: editToken(4, {}), reason: '', errors: {}, errorList: [] });
  });
});

/** A server whose reply.page answers with the template and its values, and one confirm route. */
async function server(mark: InErrorPost['mark'], version = 3) {
  const app = Fastify();
  app.decorateReply('page', function (this: FastifyReply, template: string, context = {}) {
    return this.send({ template, context });
  });
  const calls: { version: number; reason: string }[] = [];
  app.post('/things/1/in-error', async (request, reply) =>
    postInError(request, reply, {
      template: 'thing.njk',
      context: (form) => ({ thingHref: '/things/1', ...form }),
      version,
      noun: 'thing',
      check: (body) => checkInErrorReason(body, 'thing'),
      mark: async (v, reason) => {
        calls.push({ version: v, reason });
        return mark(v, reason);
      },
      href: '/things/1',
    }),
  );
  await app.ready();
  const post = (payload: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/things/1/in-error', payload });
  return { app, calls, post };
}

describe('posting a "recorded in error" page', () => {
  const token = { _version: '2', _base: '{}' };

  it('marks it at the version the page was opened at and goes back to the record', async () => {
    const s = await server(async () => ({ id: '1' }));
    const res = await s.post({ ...token, reason: ' Wrong family. ' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/things/1?saved=in-error');
    expect(s.calls).toEqual([{ version: 2, reason: 'Wrong family.' }]);
    await s.app.close();
  });

  it('shows the message by the field and keeps the version when the reason is missing', async () => {
    const s = await server(async () => ({ id: '1' }));
    const res = await s.post({ ...token, reason: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().context).toEqual({
      thingHref: '/things/1',
      edit: editToken(2, {}),
      reason: '',
      errors: { reason: 'Enter why this thing was recorded in error' },
      errorList: [{ text: 'Enter why this thing was recorded in error', href: '#reason' }],
    });
    expect(s.calls).toEqual([]);
    await s.app.close();
  });

  it('answers 409 with the version now saved when someone changed it since', async () => {
    const s = await server(async () => {
      throw new StaleEditError({ version: 3, values: {} });
    });
    const res = await s.post({ ...token, reason: 'Recorded twice' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      template: 'thing.njk',
      context: {
        edit: editToken(3, {}),
        reason: 'Recorded twice',
        changedSince: true,
        errorList: [
          {
            text: 'Someone changed this thing after you opened this page: check it, then confirm again',
            href: '#reason',
          },
        ],
      },
    });
    await s.app.close();
  });

  it('is not found when the form was not Hearth’s or the record may not be marked', async () => {
    const s = await server(async () => undefined);
    expect((await s.post({ reason: 'Recorded twice' })).statusCode).toBe(404);
    expect(s.calls).toEqual([]);
    expect((await s.post({ ...token, reason: 'Recorded twice' })).statusCode).toBe(404);
    await s.app.close();
  });
});
