import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '../../platform/http/errors.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/** A route parameter that must be a uuid; anything else is a page that does not exist. */
export function idParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string>)[name] ?? '';
  if (!isUuid(value)) throw new NotFoundError();
  return value;
}

export const familyHrefOf = (familyId: string) => `/practice/families/${familyId}`;
