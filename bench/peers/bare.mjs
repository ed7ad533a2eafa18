// Peer (c): the bare floor — graphql-js with a schema built by hand, node:http, pg and
// hand-written SQL selecting only the columns asked for, per-request DataLoaders (one statement
// per relation per request), parsed and validated documents cached by their text. The same
// authentication as the API: the access token (HS256, issuer, audience) verified with jose, then
// one statement checks that its session is live and the account active. Isolation in SQL:
// audits of the viewer's workspaces, findings of those audits. Schema, SQL and authentication:
// hand-written.mjs (shared with the Apollo + Fastify peer).
// Env: DATABASE_URL, PORT, JWT_SECRET. Run with node from bench/ (resolves bench/node_modules).
import { createServer } from 'node:http';
import { Buffer } from 'node:buffer';
import { execute, parse, specifiedRules, validate } from 'graphql';
import { authenticate, requestContext, schema } from './hand-written.mjs';

const { PORT = '0' } = process.env;

/** Parsed and validated once per distinct document text (bounded). */
const documents = new Map();
function documentFor(source) {
  let entry = documents.get(source);
  if (!entry) {
    try {
      const document = parse(source);
      const errors = validate(schema, document, specifiedRules);
      entry = errors.length ? { errors } : { document };
    } catch (error) {
      entry = { errors: [error] };
    }
    if (documents.size >= 1000) documents.delete(documents.keys().next().value);
    documents.set(source, entry);
  }
  return entry;
}

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

async function handle(req, res) {
  if (req.method !== 'POST' || req.url !== '/graphql')
    return send(res, 404, { errors: [{ message: 'Not found' }] });
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  let request;
  try {
    request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return send(res, 400, { errors: [{ message: 'Body is not JSON' }] });
  }
  if (typeof request?.query !== 'string') return send(res, 400, { errors: [{ message: 'No query' }] });
  const { document, errors } = documentFor(request.query);
  if (errors) return send(res, 400, { errors: errors.map((error) => ({ message: error.message })) });
  let viewer;
  try {
    viewer = await authenticate(req.headers.authorization);
  } catch (error) {
    return send(res, 200, { errors: [{ message: error.message, extensions: error.extensions }] });
  }
  const result = await execute({
    schema,
    document,
    variableValues: request.variables,
    operationName: request.operationName,
    contextValue: requestContext(viewer?.id ?? null, viewer),
  });
  send(res, 200, result);
}

const server = createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, { errors: [{ message: 'Internal error' }] });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(PORT), '127.0.0.1', () => {
  console.log(`ready http://127.0.0.1:${server.address().port}/graphql`);
});
