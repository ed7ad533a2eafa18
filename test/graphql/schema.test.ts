import { readFileSync } from 'node:fs';
import { describe, expect, it, jest } from '@jest/globals';
import { GraphQLError, buildSchema, graphql, type GraphQLObjectType } from 'graphql';
import { pino } from 'pino';
import { applyAuthDirectives } from '../../src/graphql/directives/auth.js';
import { buildAppSchema, printSchemaSDL } from '../../src/graphql/schema.js';
import type { GraphQLContext } from '../../src/graphql/context.js';
import { Role } from '../../src/modules/users/user.entity.js';

const SDL = `
  enum Role { USER ADMIN }
  type Query {
    open: String @public
    secret: String @auth(requires: USER)
    admin: String @auth(requires: ADMIN)
    broken: String @public
    slow: Slow @public
  }
  type Slow { first: String second: String }
  directive @auth(requires: Role = USER) on FIELD_DEFINITION
  directive @public on FIELD_DEFINITION
`;

function testSchema() {
  const schema = buildSchema(SDL);
  const fields = schema.getQueryType()!.getFields();
  fields.open!.resolve = () => 'open';
  fields.secret!.resolve = () => 'secret';
  fields.admin!.resolve = () => 'admin';
  fields.broken!.resolve = () => {
    throw new Error('connection to 10.0.0.5 refused: SELECT * FROM users');
  };
  fields.slow!.resolve = () => new Promise((resolve) => setTimeout(() => resolve({}), 60));
  const slow = schema.getType('Slow') as GraphQLObjectType;
  slow.getFields().first!.resolve = () => 'first';
  slow.getFields().second!.resolve = () => 'second';
  // Rebuild without the hand-declared directives: applyAuthDirectives declares its own.
  return applyAuthDirectives(schema);
}

function context(role: Role | null, deadline = Date.now() + 10_000): GraphQLContext {
  return {
    requestId: 'req-42',
    deadline,
    viewer: role ? ({ user: { id: 'u1' }, role, sessionId: 's1' } as GraphQLContext['viewer']) : null,
    log: pino({ level: 'silent' }),
    meta: { operationName: null, userId: null },
  } as unknown as GraphQLContext;
}

describe('the emitted schema', () => {
  it('matches the committed schema.graphql (run `npm run cli -- schema:print` after changing it)', async () => {
    const committed = readFileSync('schema.graphql', 'utf8');
    expect(printSchemaSDL(await buildAppSchema())).toBe(committed);
  });
});

describe('applyAuthDirectives', () => {
  it('fails the build when a root field has neither @auth nor @public', () => {
    const schema = buildSchema('enum Role { USER ADMIN } type Query { forgotten: String }');
    expect(() => applyAuthDirectives(schema)).toThrow(/Query\.forgotten must be annotated/);
  });

  it('ends each annotated field description with who may call it, derived from its directives', () => {
    const schema = applyAuthDirectives(
      buildSchema(`
        enum Role { USER ADMIN }
        enum WorkspaceRole { VIEWER MEMBER ADMIN OWNER }
        enum ApiKeyScope { AUDITS_READ AUDITS_WRITE }
        type Query {
          "Anyone can."
          open: String @public
          mine: Thing @auth(requires: USER, workspaceRole: MEMBER) @apiKey(scopes: [AUDITS_READ, AUDITS_WRITE])
          "Operators only."
          admin: String @auth(requires: ADMIN)
          viewer: String @public @apiKey(scopes: [AUDITS_READ])
        }
        type Thing { "Plain." plain: String undescribed: String keyed: String @apiKey(scopes: [AUDITS_READ]) }
        directive @auth(requires: Role = USER, workspaceRole: WorkspaceRole) on FIELD_DEFINITION
        directive @public on FIELD_DEFINITION
        directive @apiKey(scopes: [ApiKeyScope!]!) on FIELD_DEFINITION
      `),
    );
    const query = schema.getQueryType()!.getFields();
    expect(query.open!.description).toBe('Anyone can.\n\nAccess: public, no sign-in needed.');
    expect(query.mine!.description).toBe(
      'Access: signed in, workspace role MEMBER or higher; or an API key with scopes `audits:read`, `audits:write`.',
    );
    expect(query.admin!.description).toBe(
      'Operators only.\n\nAccess: signed in with the ADMIN role; API keys are refused.',
    );
    expect(query.viewer!.description).toBe(
      'Access: public, no sign-in needed; API keys need scope `audits:read`.',
    );
    const thing = (schema.getType('Thing') as GraphQLObjectType).getFields();
    expect(thing.plain!.description).toBe('Plain.');
    expect(thing.undescribed!.description).toBeUndefined();
    expect(thing.keyed!.description).toBe(
      'Access: as the object it belongs to; API keys need scope `audits:read`.',
    );
  });

  it('states the access of every root field of the app schema', async () => {
    const schema = await buildAppSchema();
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      for (const field of Object.values(root!.getFields())) {
        expect(`${root!.name}.${field.name}: ${field.description}`).toMatch(/\n?Access: [^\n]+\.$/);
      }
    }
    const audit = schema.getQueryType()!.getFields().audit!;
    expect(audit.description).toMatch(
      /\S\n\nAccess: signed in, workspace role VIEWER or higher; or an API key with scope `audits:read`\.$/,
    );
  });

  it('enforces roles per field', async () => {
    const schema = testSchema();
    const run = (source: string, role: Role | null) =>
      graphql({ schema, source, contextValue: context(role) });
    expect((await run('{ open }', null)).data).toEqual({ open: 'open' });
    expect((await run('{ secret }', null)).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect((await run('{ secret }', Role.USER)).data).toEqual({ secret: 'secret' });
    expect((await run('{ admin }', Role.USER)).errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await run('{ admin }', Role.ADMIN)).data).toEqual({ admin: 'admin' });
  });

  it('stops resolving once the execution time limit has passed', async () => {
    const result = await graphql({
      schema: testSchema(),
      source: '{ slow { first second } }',
      contextValue: context(null, Date.now() + 20),
    });
    expect(result.errors?.map((error) => error.extensions.code)).toEqual([
      'QUERY_TOO_COMPLEX',
      'QUERY_TOO_COMPLEX',
    ]);
    expect(result.errors![0]!.message).toMatch(/execution time limit/);
    const inTime = await graphql({
      schema: testSchema(),
      source: '{ slow { first second } }',
      contextValue: context(null),
    });
    expect(inTime.data).toEqual({ slow: { first: 'first', second: 'second' } });
  });

  it('masks unexpected errors and hands out the request id', async () => {
    const ctx = context(null);
    const logged = jest.spyOn(ctx.log, 'error');
    const result = await graphql({ schema: testSchema(), source: '{ broken }', contextValue: ctx });
    const error = result.errors![0] as GraphQLError;
    expect(error.message).toBe('Internal server error (request id req-42)');
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' });
    expect(JSON.stringify(result)).not.toMatch(/SELECT|10\.0\.0\.5/);
    expect(logged).toHaveBeenCalled();
  });
});
