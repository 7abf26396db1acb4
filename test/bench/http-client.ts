import { Agent, request } from 'node:http';

/**
 * Kept-alive loopback connections through node:http: the benchmark client shares the machine with the
 * API, and fetch's stream machinery costs more CPU per call than the requests being measured.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** A GraphQL call over loopback HTTP that throws on any error, so a benchmark never times failures. */
export async function graphql<T>(url: string, query: string, variables: Record<string, unknown>, authorization?: string): Promise<T> {
  const { status, text } = await post(url, JSON.stringify({ query, variables }), authorization);
  const body = JSON.parse(text) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length || !body.data) {
    const first = body.errors?.[0];
    throw new Error(`GraphQL ${status}: ${first ? `${first.extensions?.code ?? ''} ${first.message}` : 'no data'}`);
  }
  return body.data;
}

function post(url: string, payload: string, authorization: string | undefined): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
    if (authorization) headers.authorization = authorization;
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
