// A body Fastify cannot read answers with a GraphQL error saying what is wrong, not Fastify's
// bare `{ statusCode, error, message }`: a content type it has no parser for is 415 with what to
// send instead; on /graphql, a body that is not JSON, not UTF-8 or too large keeps its status
// (400, 415, 413) in the same shape as every other GraphQL error. Other errors keep Fastify's
// default answer.
import type { FastifyError, FastifyInstance } from 'fastify';

const ACCEPTED = 'application/json (POST), or GET /graphql?query=… for queries';

export function registerContentTypeErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const type = request.headers['content-type'] ?? 'none';
      return reply.code(415).send({
        errors: [
          {
            message: `Unsupported content type ${JSON.stringify(type)}: send ${ACCEPTED}`,
            extensions: { code: 'BAD_USER_INPUT', accepted: ['application/json'] },
          },
        ],
      });
    }
    const status = error.statusCode ?? 500;
    const bodyError = error.code?.startsWith('FST_ERR_CTP_') && status >= 400 && status < 500;
    if (!bodyError || request.routeOptions.url !== '/graphql') return reply.send(error);
    return reply
      .code(status)
      .send({ errors: [{ message: error.message, extensions: { code: 'BAD_USER_INPUT' } }] });
  });
}
