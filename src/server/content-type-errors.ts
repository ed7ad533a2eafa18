// A body Fastify cannot parse (no parser for its content type) answers 415 with a GraphQL error
// saying what to send instead, not Fastify's bare "Unsupported Media Type". Other errors keep
// Fastify's default answer.
import type { FastifyError, FastifyInstance } from 'fastify';

const ACCEPTED = 'application/json (POST), or GET /graphql?query=… for queries';

export function registerContentTypeErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code !== 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.send(error);
    const type = request.headers['content-type'] ?? 'none';
    return reply.code(415).send({
      errors: [
        {
          message: `Unsupported content type ${JSON.stringify(type)}: send ${ACCEPTED}`,
          extensions: { code: 'BAD_USER_INPUT', accepted: ['application/json'] },
        },
      ],
    });
  });
}
