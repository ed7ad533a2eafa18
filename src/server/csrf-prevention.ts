// Cross-site request forgery prevention on /graphql, with the answer saying what to send. A page
// on another site can make a browser send a "simple" request — a GET, or a POST of a form or of
// text/plain — without asking this server first (no CORS preflight), with the user's cookies.
// Such a request must carry a header no simple request can have: `apollo-require-preflight`
// (or `x-apollo-operation-name`), or be a POST of application/json. This is Apollo Server's own
// rule (its `csrfPrevention`, kept on with the same headers as a backstop), checked first here
// because Apollo's refusal lists options without saying which one this request needs.
import type { FastifyInstance } from 'fastify';
import { requestErrorResponse } from './request-error-status.js';

/** Headers that make a request preflighted: any non-empty value of one of them will do. */
export const CSRF_PREVENTION_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

/** The content types a browser sends without a preflight (Apollo's list). */
const SIMPLE_CONTENT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

function needsPreflightHeader(headers: Record<string, string | string[] | undefined>): boolean {
  const contentType = headers['content-type'];
  if (contentType !== undefined) {
    const essence = String(contentType).split(';')[0]!.trim().toLowerCase();
    if (!SIMPLE_CONTENT_TYPES.has(essence)) return false;
  }
  return !CSRF_PREVENTION_HEADERS.some((name) => {
    const value = headers[name];
    return value !== undefined && String(value).length > 0;
  });
}

const HEADER = '"apollo-require-preflight: true" (or "x-apollo-operation-name: <operation name>")';
const WHY =
  'a browser sends neither cross-site without a CORS preflight, which keeps other sites from forging requests';

function refusal(method: string, contentType: string | undefined): string {
  if (method === 'GET') {
    return `GET /graphql needs the header ${HEADER}: ${WHY}. Or POST the operation as application/json.`;
  }
  return (
    `A POST of ${JSON.stringify(contentType ?? 'no content type')} is what a form on another site sends: ` +
    `send "content-type: application/json", or the header ${HEADER}.`
  );
}

export function registerCsrfPrevention(app: FastifyInstance, path = '/graphql'): void {
  app.addHook('preHandler', (request, reply, done) => {
    if (
      request.method === 'OPTIONS' ||
      request.routeOptions.url !== path ||
      !needsPreflightHeader(request.headers)
    ) {
      return done();
    }
    const answer = requestErrorResponse(request.headers.accept);
    void reply
      .code(answer.status === 406 ? 406 : 400)
      .type(answer.contentType)
      .send({
        errors: [
          {
            message: refusal(request.method, request.headers['content-type']),
            extensions: { code: 'BAD_USER_INPUT', requiredHeader: CSRF_PREVENTION_HEADERS[0] },
          },
        ],
      });
  });
}
