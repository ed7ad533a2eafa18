// Peer (b): PostGraphile 5 (Amber preset, grafast) over the bench database, served by grafserv on
// node:http. Authentication: the API's access token (HS256, same secret, issuer and audience,
// verified with jose as the API does) becomes pgSettings — role aeo_bench_viewer and the token's
// sub/sid — so the row-level security of bench/peers/postgraphile.sql limits what it sees to
// the viewer's workspaces while the session is live. No token (or a bad one): nothing visible.
// Env: DATABASE_URL, PORT, JWT_SECRET. Run with node from bench/ (resolves bench/node_modules).
import { createServer } from 'node:http';
import { TextEncoder } from 'node:util';
import { jwtVerify } from 'jose';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const { DATABASE_URL, PORT = '0', JWT_SECRET } = process.env;
if (!DATABASE_URL || !JWT_SECRET) throw new Error('DATABASE_URL and JWT_SECRET are required');
const key = new TextEncoder().encode(JWT_SECRET);
const ANONYMOUS = { pgSettings: { role: 'aeo_bench_viewer' } };

async function claimsOf(authorization) {
  const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: 'aeo-audit-api',
      audience: 'aeo-audit-api',
      requiredClaims: ['sub', 'sid', 'exp'],
    });
    return typeof payload.sub === 'string' && typeof payload.sid === 'string' ? payload : null;
  } catch {
    return null;
  }
}

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({ connectionString: DATABASE_URL, schemas: ['public'], poolConfig: { max: 10 } }),
  ],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: {
    explain: false,
    async context(requestContext) {
      const claims = await claimsOf(requestContext.node?.req.headers.authorization);
      if (!claims) return ANONYMOUS;
      return {
        pgSettings: { role: 'aeo_bench_viewer', 'jwt.claims.sub': claims.sub, 'jwt.claims.sid': claims.sid },
      };
    },
  },
};

const pgl = postgraphile(preset);
if (process.argv.includes('--print-schema')) {
  const { printSchema } = await import('postgraphile/graphql');
  console.log(printSchema(await pgl.getSchema()));
  await pgl.release();
  process.exit(0);
}
const serv = pgl.createServ(grafserv);
const server = createServer();
server.keepAliveTimeout = 65_000;
serv.addTo(server).catch((error) => {
  console.error(error);
  process.exit(1);
});
await pgl.getSchema();
server.listen(Number(PORT), '127.0.0.1', () => {
  console.log(`ready http://127.0.0.1:${server.address().port}/graphql`);
});
