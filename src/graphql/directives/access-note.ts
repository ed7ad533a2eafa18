// The line every annotated field's description ends with, saying who may call it. It is derived
// from the same @auth/@public/@apiKey arguments the access checks enforce, when the schema is
// built, so the IDE's docs pane, schema.graphql and the static docs (`npm run docs`) cannot drift
// from what the server does.

/** How scopes read in messages and docs: `AUDITS_READ` is `audits:read`. */
export const scopeName = (scope: string) => scope.toLowerCase().replace('_', ':');

export interface AccessDeclaration {
  /** `@auth(requires:)`: the least account role, or null without @auth. */
  requires: string | null;
  /** `@auth(workspaceRole:)`: the least role in the workspace of the object concerned. */
  workspaceRole: string | null;
  isPublic: boolean;
  /** `@apiKey(scopes:)`, or null when API keys may not call it. */
  keyScopes: readonly string[] | null;
}

/** Starts every note, so readers (and tests) can find it. */
export const ACCESS_PREFIX = 'Access:';

const scopes = (keyScopes: readonly string[]) =>
  `${keyScopes.length === 1 ? 'scope' : 'scopes'} ${keyScopes.map((s) => `\`${scopeName(s)}\``).join(', ')}`;

/**
 * One sentence, e.g. "Access: signed in, workspace role MEMBER or higher; or an API key with
 * scope `audits:write`." Null for fields that declare nothing: they are open to whoever may
 * read the object they belong to.
 */
export function accessNote({
  requires,
  workspaceRole,
  isPublic,
  keyScopes,
}: AccessDeclaration): string | null {
  const withKey = keyScopes ? `an API key with ${scopes(keyScopes)}` : null;
  if (requires) {
    const who = requires === 'USER' ? 'signed in' : `signed in with the ${requires} role`;
    const where = workspaceRole ? `, workspace role ${workspaceRole} or higher` : '';
    const keys = withKey ? `; or ${withKey}` : '; API keys are refused';
    return `${ACCESS_PREFIX} ${who}${where}${keys}.`;
  }
  if (isPublic) {
    return `${ACCESS_PREFIX} public, no sign-in needed${keyScopes ? `; API keys need ${scopes(keyScopes)}` : ''}.`;
  }
  if (keyScopes) return `${ACCESS_PREFIX} as the object it belongs to; API keys need ${scopes(keyScopes)}.`;
  return null;
}

/** `description` followed by the note in a paragraph of its own (or the note alone). */
export function withAccessNote(
  description: string | null | undefined,
  note: string | null,
): string | undefined {
  const text = description?.trim() ? description.trimEnd() : undefined;
  if (!note) return text;
  if (text?.endsWith(note)) return text;
  return text ? `${text}\n\n${note}` : note;
}
