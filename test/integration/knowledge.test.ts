import type { Orm } from '../../api/src/app/orm';
import { adminOrm, createTestTenant, gql, startTestApi, type TestApi, type TestTenant } from '../support/harness';

const CREATE = `mutation($input: KnowledgeArticleInput!) { createKnowledgeArticle(input: $input) { id status version } }`;
const PUBLISH = `mutation($id: ID!) { setKnowledgeArticleStatus(id: $id, status: PUBLISHED) { id status version publishedAt } }`;
const SEARCH = `query($text: String!) { searchKnowledge(text: $text) { score article { id title status } } }`;
const SUGGEST = `query($text: String!, $c: String) { suggestArticles(text: $text, categoryCode: $c) { score article { id title } } }`;

describe('knowledge base', () => {
  let api: TestApi;
  let orm: Orm;
  let tenant: TestTenant;
  let admin: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi();
    orm = await adminOrm();
    tenant = await createTestTenant(orm, api);
    admin = tenant.tokens['admin@t.test']!;
    const articles = {
      refund: {
        title: '退款到账时间说明',
        body: '退款一般在 3 到 5 个工作日内原路退回。如果超过 7 天仍未到账，请联系客服。',
        locale: 'zh-CN',
        tags: ['退款'],
        categoryCodes: ['refund_delay'],
      },
      kettle: {
        title: 'Kettle does not heat',
        body: 'Check the **power cable** and the base plate. A kettle that stops heating after a few days is replaced under warranty.',
        locale: 'en',
        tags: ['warranty'],
        categoryCodes: ['functional_defect'],
      },
      parcel: {
        title: 'Damaged parcels',
        body: 'Photograph the damaged parcel before opening it and attach the photos to your complaint.',
        locale: 'en',
        tags: [],
        categoryCodes: [],
      },
      draft: { title: 'Refund policy draft', body: 'Refunds are processed within five working days.', locale: 'en', tags: [], categoryCodes: ['refund_delay'] },
    };
    for (const [name, input] of Object.entries(articles)) {
      const res = await gql(api.url, CREATE, { input }, admin);
      expect(res.errors).toBeUndefined();
      ids[name] = res.data!.createKnowledgeArticle.id;
      if (name !== 'draft')
        expect((await gql(api.url, PUBLISH, { id: ids[name] }, admin)).data!.setKnowledgeArticleStatus).toMatchObject({ status: 'PUBLISHED', version: 2 });
    }
  });

  afterAll(async () => {
    await orm?.close();
    await api?.close();
  });

  it('finds Chinese articles by words inside unsegmented text', async () => {
    const res = await gql(api.url, SEARCH, { text: '退款' }, tenant.tokens['handler@t.test']);
    expect(res.errors).toBeUndefined();
    expect(res.data!.searchKnowledge[0].article.id).toBe(ids.refund);
  });

  it('finds English articles through stemming and a misspelt title', async () => {
    const stemmed = await gql(api.url, SEARCH, { text: 'heating kettles' }, tenant.tokens['handler@t.test']);
    expect(stemmed.data!.searchKnowledge[0].article.id).toBe(ids.kettle);
    const typo = await gql(api.url, SEARCH, { text: 'Damagd parcel' }, tenant.tokens['handler@t.test']);
    expect(typo.data!.searchKnowledge.map((h: any) => h.article.id)).toContain(ids.parcel);
  });

  it('suggests only published articles for a complaint text, its category lifting the match', async () => {
    const res = await gql(api.url, SUGGEST, { text: '我的退款已经十天了还没有到账', c: 'refund_delay' }, tenant.tokens['clerk@t.test']);
    expect(res.errors).toBeUndefined();
    const found = res.data!.suggestArticles.map((h: any) => h.article.id);
    expect(found[0]).toBe(ids.refund);
    const english = await gql(api.url, SUGGEST, { text: 'My refund has not arrived' }, tenant.tokens['clerk@t.test']);
    expect(english.data!.suggestArticles.map((h: any) => h.article.id)).not.toContain(ids.draft);
  });

  it('keeps every version and counts helpful feedback', async () => {
    const update = await gql(
      api.url,
      `mutation($id: ID!, $input: KnowledgeArticleInput!) { updateKnowledgeArticle(id: $id, input: $input) { version title } }`,
      { id: ids.kettle, input: { title: 'Kettle does not heat up', body: 'Updated.', locale: 'en', tags: [], categoryCodes: ['functional_defect'] } },
      admin,
    );
    expect(update.data!.updateKnowledgeArticle).toEqual({ version: 3, title: 'Kettle does not heat up' });
    const versions = await gql(api.url, `query($id: ID!) { knowledgeArticleVersions(id: $id) { version title status } }`, { id: ids.kettle }, admin);
    expect(versions.data!.knowledgeArticleVersions.map((v: any) => v.version)).toEqual([3, 2, 1]);
    expect(versions.data!.knowledgeArticleVersions[2]).toMatchObject({ title: 'Kettle does not heat', status: 'DRAFT' });
    const rate = `mutation($id: ID!, $h: Boolean!) { rateArticle(id: $id, helpful: $h, visitorKey: "visitor-0001") { helpfulYes helpfulNo } }`;
    await gql(api.url, rate, { id: ids.kettle, h: true }, tenant.tokens['clerk@t.test']);
    const second = await gql(api.url, rate, { id: ids.kettle, h: false }, tenant.tokens['clerk@t.test']);
    expect(second.data!.rateArticle).toEqual({ helpfulYes: 1, helpfulNo: 1 });
  });

  it('measures deflection: readers who did not go on to file a complaint', async () => {
    const view = `mutation($id: ID!, $v: String!) { recordArticleView(id: $id, visitorKey: $v) }`;
    for (const v of ['visitor-a001', 'visitor-b002', 'visitor-c003', 'visitor-d004']) {
      expect((await gql(api.url, view, { id: ids.refund, v }, tenant.tokens['clerk@t.test'])).data!.recordArticleView).toBe(true);
    }
    await gql(api.url, `mutation { recordVisitorSubmission(visitorKey: "visitor-d004") }`, {}, tenant.tokens['clerk@t.test']);
    const res = await gql(
      api.url,
      `query($f: DateTimeISO!, $t: DateTimeISO!) { knowledgeDeflection(from: $f, to: $t) { readers readersWhoSubmitted deflected deflectionRate } }`,
      { f: new Date(Date.now() - 3600_000).toISOString(), t: new Date(Date.now() + 3600_000).toISOString() },
      tenant.tokens['analyst@t.test'],
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.knowledgeDeflection).toEqual({ readers: 4, readersWhoSubmitted: 1, deflected: 3, deflectionRate: 0.75 });
  });

  it('keeps articles inside their tenant and drafts to editors', async () => {
    const other = await createTestTenant(orm, api);
    const res = await gql(api.url, `query($id: ID!) { knowledgeArticle(id: $id) { id } }`, { id: ids.refund }, other.tokens['handler@t.test']);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(api.url, SEARCH, { text: '退款' }, other.tokens['handler@t.test'])).data!.searchKnowledge).toEqual([]);
    const denied = await gql(api.url, CREATE, { input: { title: 'x', body: 'y', locale: 'en', tags: [], categoryCodes: [] } }, tenant.tokens['handler@t.test']);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
