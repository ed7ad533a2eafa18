// Example operations: the IDE opens one tab per example, and the API docs (`npm run docs`) list
// them with their variables and curl commands. The test of the IDE validates each against the
// schema, so an example that stops matching the API fails CI.

export interface ExampleOperation {
  /** The operation's name: GraphiQL titles its tab with it. */
  name: string;
  /** What it shows, in a sentence (a comment at the top of the tab). */
  summary: string;
  query: string;
  variables?: Record<string, unknown>;
}

export const EXAMPLE_OPERATIONS: readonly ExampleOperation[] = [
  {
    name: 'Login',
    summary:
      'Signs in. In the IDE, prefer the "Sign in" panel (key icon): the password stays out of the ' +
      'editor and the token is put into the headers and renewed. Send the accessToken as ' +
      '`authorization: Bearer <accessToken>`; refreshSession renews it. The IDE does not keep the ' +
      'variables of this tab (nor of any operation with a password or token) in the browser.',
    query: `mutation Login($input: LoginInput!) {
  login(input: $input) {
    accessToken
    expiresAt
    refreshToken
    user { id email }
  }
}`,
    variables: { input: { email: 'you@example.com', password: 'your password' } },
  },
  {
    name: 'Viewer',
    summary: 'Who is calling: public, so it answers null when signed out.',
    query: `query Viewer {
  viewer {
    id
    email
    role
    quota { auditsPerDay { used limit } }
  }
}`,
  },
  {
    name: 'Checks',
    summary: 'The catalogue of site checks an audit runs (public).',
    query: `query Checks {
  checks { checkId category title weight }
}`,
  },
  {
    name: 'CreateAudit',
    summary: 'Queues a SITE audit of a URL; follow it with the AuditProgress subscription.',
    query: `mutation CreateAudit($input: CreateAuditInput!) {
  createAudit(input: $input) { id status url createdAt }
}`,
    variables: { input: { kind: 'SITE', url: 'https://example.com', maxPages: 10 } },
  },
  {
    name: 'AuditProgress',
    summary: "An audit's progress as it runs (a subscription, over WebSocket).",
    query: `subscription AuditProgress($id: ID!) {
  auditProgress(id: $id) { status stage progress message at }
}`,
    variables: { id: 'paste the id createAudit returned' },
  },
  {
    name: 'Audit',
    summary: 'An audit with its score, categories and the first findings.',
    query: `query Audit($id: ID!) {
  audit(id: $id) {
    id
    status
    score
    grade
    categories { category score }
    findings(first: 5) { edges { node { checkId severity title } } }
  }
}`,
    variables: { id: 'paste an audit id' },
  },
  {
    name: 'Projects',
    summary: 'Your projects (scheduled audits of a site), newest first, paginated.',
    query: `query Projects($first: Int, $after: String) {
  projects(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name url schedule lastRunAt } }
  }
}`,
    variables: { first: 10 },
  },
];
