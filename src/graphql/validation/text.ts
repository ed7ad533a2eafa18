// Text the database cannot store: PostgreSQL refuses U+0000 in text columns, so a NUL byte in
// an argument would surface as an internal error. It is the caller's mistake: say so up front.
import { GraphQLError, visit, type DocumentNode } from 'graphql';

const NUL = '\u0000';

/** Whether a string anywhere in `value` (a variables object) holds a NUL character. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  const entries = Array.isArray(value) ? value : Object.entries(value).flat();
  return entries.some((item) => containsNul(item, depth + 1));
}

/** BAD_USER_INPUT when a string literal of the document or a variable holds a NUL character. */
export function nulCharacterErrors(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError[] {
  let found = containsNul(variables);
  if (!found) {
    visit(document, {
      StringValue(node) {
        if (node.value.includes(NUL)) found = true;
      },
    });
  }
  return found ? [NUL_ERROR()] : [];
}

export const NUL_ERROR = () =>
  new GraphQLError('Text must not contain NUL characters (U+0000)', {
    extensions: { code: 'BAD_USER_INPUT' },
  });
