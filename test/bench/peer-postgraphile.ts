/**
 * The peer `bench:peer` measures against: PostGraphile v5 over the same tables, started as its own process
 * (so its CPU is its own) by peer-bench.ts. It connects as the application role, so the same forced
 * row-level security applies, and takes the tenant from the same HS256 access token (signature, issuer and
 * expiry checked; unlike the API it does not re-read the user or session). PEER_DATABASE_URL, JWT_SECRET,
 * PORT and PEER_POOL_SIZE come from the parent; it prints `listening <port>` once it answers.
 */
import './node22-shim';
import { createServer } from 'node:http';
import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileConnectionFilterPreset } from 'postgraphile-plugin-connection-filter';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const secret = createSecretKey(Buffer.from(env('JWT_SECRET'), 'utf8'));

/** The same claims check as the API's TokenIssuer.verify, reduced to what PostgreSQL needs: the tenant. */
function tenantOf(authorization: string | undefined): string {
  const [scheme, token] = (authorization ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) throw new Error('a bearer token is required');
  const claims = jwt.verify(token, secret, { issuer: 'complaints-api', algorithms: ['HS256'] });
  if (typeof claims === 'string' || typeof claims.tid !== 'string' || claims.use !== 'access') throw new Error('not an access token');
  return claims.tid;
}

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  pgServices: [
    makePgService({
      connectionString: env('PEER_DATABASE_URL'),
      schemas: ['public'],
      poolConfig: { max: Number(env('PEER_POOL_SIZE')) },
    }),
  ],
  grafserv: { graphiql: false, watch: false },
  grafast: {
    explain: false,
    context(requestContext) {
      return { pgSettings: { 'app.tenant_id': tenantOf(requestContext.node?.req.headers.authorization) } };
    },
  },
};

async function main(): Promise<void> {
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  await serv.addTo(server);
  await new Promise<void>((resolve) => server.listen(Number(env('PORT')), '127.0.0.1', resolve));
  console.log(`listening ${env('PORT')}`);
  process.on('SIGTERM', () => {
    server.close();
    void pgl.release();
    process.exit(0);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
