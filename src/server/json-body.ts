// JSON request bodies decoded strictly as UTF-8, the one encoding GraphQL over HTTP requires:
// Fastify's own parser replaces invalid bytes with U+FFFD (the operation then fails later with a
// puzzling syntax error, or runs with text the client never sent) and ignores a `charset` other
// than UTF-8. Here: another charset is 415, invalid UTF-8 is 400, both saying so; the JSON is
// then parsed by Fastify's parser (prototype-poisoning protection included).
import type { FastifyInstance } from 'fastify';

/** An error Fastify answers with `statusCode`; `code` lets the error handler shape it. */
class BodyError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly code: string,
  ) {
    super(message);
  }
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

export function registerJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      done(
        new BodyError(
          `Unsupported charset ${JSON.stringify(charset)}: send the body as UTF-8 (charset=utf-8, or no charset)`,
          415,
          'FST_ERR_CTP_INVALID_CHARSET',
        ),
        undefined,
      );
      return;
    }
    let text: string;
    try {
      text = decoder.decode(body as Buffer);
    } catch {
      done(new BodyError('The body is not valid UTF-8', 400, 'FST_ERR_CTP_INVALID_UTF8'), undefined);
      return;
    }
    void parseJson(request, text, done);
  });
}
