// Peer (d): Apollo Server 5 on Fastify 5 (@as-integrations/fastify) over the same hand-written
// schema, SQL, DataLoaders and authentication as the bare server (hand-written.mjs) — issue 14's
// fourth row: what the API's framework pair costs by itself, without the API's own layers
// (ORM, type-graphql, auth directives, limits, rate limits, logging). Configured as the API
// configures Apollo where that is about speed, not features: compact JSON, no landing page, no
// cache-control, usage-reporting or inline-trace plugins; Fastify without a logger; Apollo's
// own document cache (parsed and validated documents by text), its default.
// Env: DATABASE_URL, PORT, JWT_SECRET. Run with node from bench/ (resolves bench/node_modules).
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify from 'fastify';
import { GraphQLError } from 'graphql';
import { authenticate, requestContext, schema } from './hand-written.mjs';

const { PORT = '0' } = process.env;

const app = Fastify({ logger: false, keepAliveTimeout: 65_000 });
const apollo = new ApolloServer({
  schema,
  introspection: false,
  includeStacktraceInErrorResponses: false,
  allowBatchedHttpRequests: false,
  stringifyResult: (result) => JSON.stringify(result),
  plugins: [
    fastifyApolloDrainPlugin(app),
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginCacheControlDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginInlineTraceDisabled(),
  ],
});
await apollo.start();
await app.register(fastifyApollo(apollo), {
  path: '/graphql',
  method: ['POST'],
  context: async (request) => {
    let viewer;
    try {
      viewer = await authenticate(request.headers.authorization);
    } catch (error) {
      // As the bare server answers: 200 with the error (Apollo's default for a context error
      // would be 500).
      throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 200 } } });
    }
    return requestContext(viewer?.id ?? null, viewer);
  },
});
await app.listen({ port: Number(PORT), host: '127.0.0.1' });
console.log(`ready http://127.0.0.1:${app.server.address().port}/graphql`);
