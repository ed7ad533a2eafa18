// The Markdown pages that open the static API docs (`npm run docs`): authentication and API-key
// scopes, runnable examples, the error codes. Made from the code they describe (the scope enum,
// the error codes, the IDE's example operations), so they change with it.
import { ERROR_CODES, type ErrorCode } from '../common/errors.js';
import { scopeName } from '../graphql/directives/access-note.js';
import { ApiKeyScope } from '../modules/api-keys/api-key.entity.js';
import { EXAMPLE_OPERATIONS, type ExampleOperation } from '../server/example-operations.js';

/** Every code of the contract, explained (a new code without a line here does not compile). */
const ERROR_MEANINGS: Record<ErrorCode, string> = {
  UNAUTHENTICATED:
    'No credential, or one that is invalid, expired or revoked, on a field that needs one. Refresh the ' +
    'access token (`refreshSession`) or sign in again. Over WebSocket a bad credential closes the ' +
    'connection with code 4401.',
  FORBIDDEN:
    'Signed in, but not allowed: the ADMIN role or a higher workspace role is needed, or an API key ' +
    'lacks the scope (or the field is not open to API keys at all). The message says which.',
  BAD_USER_INPUT:
    'An argument is invalid. `extensions.fields` lists each offending input field (`input.url`) with its ' +
    'messages.',
  NOT_FOUND:
    "No such object, or one you may not see: another user's or workspace's object is NOT_FOUND, never " +
    'FORBIDDEN, so its existence does not leak.',
  CONFLICT: 'The object is not in a state that allows this (e.g. cancelling an audit that already ended).',
  RATE_LIMITED:
    "Too many requests: a field's `@rateLimit` or the per-client request budget. `extensions.retryAfterSeconds` " +
    'says when to retry.',
  QUOTA_EXCEEDED:
    "The plan's quota is used up (audits per day, concurrent audits, projects, pages or prompts per audit). " +
    '`extensions.quota` names it; `viewer { quota { … } }` shows usage.',
  QUERY_TOO_COMPLEX:
    'The operation is too deep, too costly, has too many aliases or ran past the execution time limit. ' +
    '`extensions` carries the measure and its limit: ask for less at once.',
  INTERNAL_SERVER_ERROR:
    'Unexpected server failure. The message hides the details and carries `extensions.requestId`: quote it ' +
    'to support.',
};

const SCOPE_MEANINGS: Record<ApiKeyScope, string> = {
  [ApiKeyScope.AUDITS_READ]: 'read audits, their results and findings, projects, trends, quota and plan',
  [ApiKeyScope.AUDITS_WRITE]:
    'create, cancel, rerun and delete audits; create, update and run projects; share links',
};

export const GETTING_STARTED = `The AEO Audit API is a GraphQL API: every operation is a \`POST\` of
\`{"query", "variables"}\` as JSON to \`/graphql\`; subscriptions use the same URL over WebSocket
(the \`graphql-transport-ws\` protocol of graphql-ws). A browser opening \`/graphql\` gets the
GraphQL IDE (when the server enables it), with these examples ready in tabs.

Every field below states who may call it in a line of its description:

- **Access: public** — anyone, signed in or not;
- **Access: signed in** — a session's access token; with a *workspace role*, at least that role in
  the workspace of the object concerned (VIEWER < MEMBER < ADMIN < OWNER);
- **or an API key with scope …** — partner API keys holding that scope may call it too. Fields
  that say *API keys are refused* need a signed-in session.

These lines are derived from the directives the server enforces (\`@auth\`, \`@public\`,
\`@apiKey\`), so they cannot disagree with it.`;

export function authenticationPage(url: string): string {
  const scopes = Object.values(ApiKeyScope)
    .map((scope) => `| \`${scopeName(scope)}\` | \`${scope}\` | ${SCOPE_MEANINGS[scope]} |`)
    .join('\n');
  return `### Sessions (users)

1. \`register\` or \`login\` returns an \`AuthPayload\`: a short-lived \`accessToken\` (a JWT),
   \`expiresAt\`, and an opaque \`refreshToken\`.
2. Send the access token with every request: \`Authorization: Bearer <accessToken>\`. On WebSocket,
   put it in the connection's \`connectionParams\`: \`{"authorization": "Bearer <accessToken>"}\`.
3. Before it expires, call \`refreshSession(refreshToken:)\`: it returns a new pair, and the old
   refresh token stops working (use each one once). \`logout(refreshToken:)\` ends the session.

\`\`\`sh
curl -s ${url} -H 'content-type: application/json' \\
  -d '{"query":"mutation { login(input: {email: \\"you@example.com\\", password: \\"…\\"}) { accessToken expiresAt refreshToken } }"}'
\`\`\`

In the IDE, the **Sign in** panel (the key icon) does all of this: it puts the token into the
headers and renews it before it expires. It keeps the session in memory, or in the browser tab's
sessionStorage when you tick *Remember*; it never writes tokens to localStorage.

### API keys (partners)

A workspace ADMIN creates a key with \`createApiKey\` (from a signed-in session; the secret is
shown once). Send it as \`Authorization: Bearer <key>\` or \`x-api-key: <key>\`; on WebSocket as
\`connectionParams.authorization\` (\`"Bearer <key>"\`) or \`connectionParams.apiKey\`. A key acts in
its own workspace and may call only the fields whose access line names one of its scopes:

| Scope | Enum value | Allows |
| ----- | ---------- | ------ |
${scopes}

Anything else answers \`FORBIDDEN\` for a key ("This API key lacks the audits:write scope", or
"API keys cannot use this field").`;
}

const curl = (url: string, example: ExampleOperation) => {
  const body = JSON.stringify({
    query: example.query.replace(/\s+/g, ' '),
    variables: example.variables ?? {},
  });
  return [
    `curl -s ${url} \\`,
    "  -H 'content-type: application/json' \\",
    ...(example.name === 'Login' || example.name === 'Checks'
      ? []
      : ['  -H "authorization: Bearer $TOKEN" \\']),
    `  -d '${body.replace(/'/g, "'\\''")}'`,
  ].join('\n');
};

export function examplesPage(url: string): string {
  return EXAMPLE_OPERATIONS.map((example) => {
    const variables = example.variables
      ? `\n\nVariables:\n\n\`\`\`json\n${JSON.stringify(example.variables, null, 2)}\n\`\`\``
      : '';
    const run = example.query.trimStart().startsWith('subscription')
      ? '\n\nSubscriptions run over WebSocket: use the IDE, or a graphql-ws client with the token in `connectionParams`.'
      : `\n\nWith curl (\`TOKEN\` holding an access token or API key):\n\n\`\`\`sh\n${curl(url, example)}\n\`\`\``;
    return `### ${example.name}\n\n${example.summary}\n\n\`\`\`graphql\n${example.query}\n\`\`\`${variables}${run}`;
  }).join('\n\n');
}

export function errorsPage(): string {
  const rows = ERROR_CODES.map((code) => `| \`${code}\` | ${ERROR_MEANINGS[code]} |`).join('\n');
  return `Errors come in the response's \`errors\` list, each with a \`message\` for people and
\`extensions.code\` for programs (other fields may still have \`data\`):

\`\`\`json
{ "errors": [{ "message": "Authentication required", "path": ["audit"], "extensions": { "code": "UNAUTHENTICATED" } }],
  "data": { "audit": null } }
\`\`\`

| Code | Meaning |
| ---- | ------- |
${rows}

A request the server cannot run at all (malformed JSON, an unsupported content type, an invalid
document) answers with an HTTP 4xx status and the same \`errors\` shape.`;
}

/**
 * One of the repository's docs/ pages as an intro page: its title line dropped (the page has
 * its own) and links to other repository files turned into their path, which stays meaningful
 * outside the repository.
 */
export function embeddedDoc(markdown: string): string {
  return markdown
    .replace(/^# .*\n+/, '')
    .replace(
      /\[([^\]]+)\]\((?!https?:|#)([^)]+)\)/g,
      (_link, text: string, target: string) => `${text} (\`${target}\`)`,
    )
    .replace(/^(#{2,5}) /gm, '#$1 ');
}
