// TypeScript types for API clients, generated from the committed schema.graphql:
// `npm run codegen` writes generated/graphql.ts (not committed; regenerate after schema changes).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    'generated/graphql.ts': {
      plugins: ['typescript'],
      config: { scalars: { DateTime: 'string' }, enumsAsTypes: true },
    },
  },
};

export default config;
