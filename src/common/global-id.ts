// Opaque global ids: base64url("Type:uuid"). Clients must treat them as opaque strings.
import { badUserInput } from './errors.js';
import { isUuid } from './ids.js';

export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export interface ResolvedGlobalId {
  type: string;
  id: string;
}

/** Decodes a global id; malformed ids are the client's mistake (BAD_USER_INPUT). */
export function fromGlobalId(globalId: string, expectedType?: string): ResolvedGlobalId {
  const decoded = /^[A-Za-z0-9_-]{1,200}$/.test(globalId)
    ? Buffer.from(globalId, 'base64url').toString('utf8')
    : '';
  const separator = decoded.indexOf(':');
  const type = decoded.slice(0, separator);
  const id = decoded.slice(separator + 1);
  if (separator <= 0 || !isUuid(id))
    throw badUserInput(`Invalid id: ${JSON.stringify(globalId.slice(0, 100))}`);
  if (expectedType && type !== expectedType) {
    throw badUserInput(`Invalid id: expected the id of a ${expectedType}`);
  }
  return { type, id };
}
