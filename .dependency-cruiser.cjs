// The layer rules of docs/architecture.md, checked in `npm run lint` (npm run lint:layers).
// Type-only imports count: a cycle through types is still a cycle.
/** Files of a module that face GraphQL; everything else in modules/ must not know it. */
const GRAPHQL_FACE = '\\.(resolver|types|inputs|module)\\.ts$';
const TRANSPORT_PACKAGES = [
  '^fastify$',
  '^@fastify/',
  '^@as-integrations/',
  '^ws$',
  '^graphql-ws',
  '^node:http$',
  '^node:https$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycles anywhere, value or type imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-is-pure',
      severity: 'error',
      comment: 'The audit engine imports nothing of the app: it runs from a CLI or a test alone.',
      from: { path: '^src/audit-engine/' },
      to: { path: '^src/', pathNot: '^src/audit-engine/' },
    },
    {
      name: 'reports-are-pure',
      severity: 'error',
      comment: 'Report renderers turn a result document into a body: they know the engine types only.',
      from: { path: '^src/reports/' },
      to: { path: '^src/', pathNot: '^src/(reports|audit-engine)/' },
    },
    {
      name: 'cli-runs-engines-only',
      severity: 'error',
      comment:
        'The aeo CLI runs the engines in-process and renders reports: no server, database, queue or app config.',
      from: { path: '^src/aeo/' },
      to: { path: '^src/', pathNot: '^src/(aeo|audit-engine|reports|common)/' },
    },
    {
      name: 'common-is-neutral',
      severity: 'error',
      comment: 'common/ holds neutral pieces (errors, request context, pagination) any layer may use.',
      from: { path: '^src/common/' },
      to: { path: '^src/', pathNot: '^src/common/' },
    },
    {
      name: 'infra-knows-no-domain',
      severity: 'error',
      comment: 'infra/ is plumbing: it knows no module, no GraphQL, no transport, no jobs, no app config.',
      from: { path: '^src/infra/' },
      to: { path: '^src/', pathNot: '^src/(infra|common)/' },
    },
    {
      name: 'services-know-no-transport',
      severity: 'error',
      comment:
        "A module's services, entities and loaders import neither server/ nor graphql/; only its " +
        '*.resolver.ts, *.types.ts, *.inputs.ts and the *.module.ts manifest face GraphQL.',
      from: { path: '^src/modules/', pathNot: GRAPHQL_FACE },
      to: { path: '^src/(server|graphql)/' },
    },
    {
      name: 'services-use-no-graphql-frameworks',
      severity: 'error',
      comment: 'Services, entities and loaders stay free of the GraphQL frameworks (type-graphql, Apollo).',
      from: { path: '^src/modules/', pathNot: GRAPHQL_FACE },
      to: { path: '(^|/)node_modules/(type-graphql|@apollo)/' },
    },
    {
      name: 'modules-do-not-run-the-app',
      severity: 'error',
      comment: 'Modules know neither the queue wiring (jobs/) nor the composition root.',
      from: { path: '^src/modules/' },
      to: { path: '^src/(jobs/|app\\.ts|main\\.ts|worker\\.ts|cli\\.ts)' },
    },
    {
      name: 'graphql-knows-no-transport',
      severity: 'error',
      comment: 'graphql/ builds the schema and the pipeline; only server/ knows HTTP and WebSocket.',
      from: { path: '^src/(graphql|modules|jobs|infra|common|audit-engine)/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'only-server-knows-http',
      severity: 'error',
      comment: 'server/ is the only place that serves HTTP and WebSocket.',
      from: { path: '^src/', pathNot: '^src/server/' },
      to: { dependencyTypes: ['npm', 'core'], path: TRANSPORT_PACKAGES },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: ['^src/', 'node_modules/(type-graphql|@apollo)/', TRANSPORT_PACKAGES.join('|')],
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
