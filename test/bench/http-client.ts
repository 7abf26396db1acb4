/** A GraphQL call over loopback HTTP that throws on any error, so a benchmark never times failures. */
export async function graphql<T>(url: string, query: string, variables: Record<string, unknown>, authorization?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length || !body.data) {
    const first = body.errors?.[0];
    throw new Error(`GraphQL ${res.status}: ${first ? `${first.extensions?.code ?? ''} ${first.message}` : 'no data'}`);
  }
  return body.data;
}
