// The typed client: GraphQL Code Generator's client preset over the operation documents of
// client/operations/, checked against the committed schema.graphql, into client/generated/
// (committed, so tests and the example client build on a fresh clone; CI regenerates it and
// fails on any difference). `npm run codegen` after changing the schema or an operation.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['client/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'client/generated/': {
      preset: 'client',
      presetConfig: {
        // Operation results carry every field their fragments select: what tests and scripts read.
        fragmentMasking: false,
      },
      config: {
        // Documents as strings (no graphql-js at run time): send `String(document)` as `query`.
        documentMode: 'string',
        // String unions, not TypeScript enums: 'SITE' is an AuditKind, as on the wire.
        enumsAsTypes: true,
        // Nullable result fields are present (`T | null`), as every response has them.
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        skipTypename: true,
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        scalars: {
          DateTime: 'string',
          JSON: 'unknown',
          JSONObject: 'Record<string, unknown>',
        },
      },
    },
  },
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
