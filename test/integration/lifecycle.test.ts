import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToFile } from '../../worker/src/testing/history-file';
import { startApi, type RunningApi } from '../../api/src/app/start-api';
import type { Orm } from '../../api/src/app/orm';
import { complaintWorkflowId } from '@complaints/tenant-config/lifecycle-contract';
import { adminOrm, complaintInput, createTestTenant, errorCode, gql, newKey, SUBMIT, testConfig, type TestTenant } from '../support/harness';
import { eventually, roundTheClockConfig, startWorker, uniqueTaskQueue, type RunningWorker } from './lifecycle.support';

const STAFF = [
  { email: 'admin@t.test', roles: ['tenant_admin'] },
  { email: 'handler@t.test', roles: ['handler'], teams: ['frontline'] },
  { email: 'supervisor@t.test', roles: ['supervisor'], teams: ['frontline'] },
  { email: 'followup@t.test', roles: ['followup_agent'] },
  { email: 'clerk@t.test', roles: ['intake_clerk'] },
];

const PAYLOAD = `{ complaint { id stage status round priority teamCode satisfaction closedAt firstRespondedAt }
  lifecycle { stage status round clockPaused approvalRequired managementReview allowedActions } }`;

const taskQueue = uniqueTaskQueue();
let api: RunningApi;
let admin: Orm;
let worker: RunningWorker;
let tenant: TestTenant;

beforeAll(async () => {
  api = await startApi(testConfig({ TASK_QUEUE: taskQueue }), 0);
  admin = await adminOrm();
  tenant = await createTestTenant(
    admin,
    { url: api.url, orm: api.orm, close: api.close },
    {
      config: roundTheClockConfig((c) => {
        c.lifecycle.rounds.max = 2;
      }),
      staff: STAFF,
    },
  );
  worker = await startWorker(taskQueue);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await api?.close();
  await admin?.close();
});

const token = (who: string) => tenant.tokens[`${who}@t.test`];

async function submit(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await gql(api.url, SUBMIT, { input: complaintInput(overrides), key: newKey() }, token('clerk'));
  return res.data!.submitComplaint.complaint.id;
}

/** Runs one lifecycle mutation as `who`; returns the whole response so tests can check errors too. */
function act(who: string, mutation: string, id: string, args = '', vars: Record<string, unknown> = {}) {
  const declared = Object.keys(vars)
    .map((k) => `, $${k}: ${k === 'input' ? 'ProposeSolutionInput!' : 'String!'}`)
    .join('');
  return gql(api.url, `mutation($id: ID!${declared}) { ${mutation}(id: $id${args}) ${PAYLOAD} }`, { id, ...vars }, token(who));
}

async function ok(who: string, mutation: string, id: string, args = '', vars: Record<string, unknown> = {}) {
  const res = await act(who, mutation, id, args, vars);
  if (!res.data) throw new Error(`${mutation} failed: ${JSON.stringify(res.errors)}`);
  return res.data[mutation];
}

/** Round one as the seeds describe it: investigation ends with findings, handling produces the solution. */
async function investigate(id: string): Promise<void> {
  await ok('handler', 'startInvestigation', id);
  await ok('handler', 'recordFindings', id, ', findings: $findings', { findings: 'The kettle was damaged in transit' });
}

async function stagesEntered(id: string): Promise<string[]> {
  const res = await gql(api.url, 'query($id:ID!){ complaint(id:$id){ events { kind toValue } } }', { id }, token('admin'));
  const events: { kind: string; toValue: string }[] = res.data!.complaint.events;
  return events.filter((e) => e.kind === 'stage.entered').map((e) => e.toValue);
}

async function timeline(id: string): Promise<{ kind: string; note: string | null }[]> {
  const res = await gql(api.url, 'query($id:ID!){ complaint(id:$id){ events { kind note } } }', { id }, token('admin'));
  return res.data!.complaint.events;
}

async function eventuallyTimeline(id: string, kind: string): Promise<string[]> {
  return eventually(
    async () => (await timeline(id)).map((e) => e.kind),
    (kinds) => kinds.includes(kind),
  );
}

const propose = (amount: string) => ({
  input: { text: 'Replace the kettle', compensationType: amount === '0' ? 'none' : 'refund', compensationAmount: amount },
});
const proposeArgs = ', input: $input';

async function recordHistory(id: string, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const history = await api.temporal.workflow.getHandle(complaintWorkflowId(tenant.id, id)).fetchHistory();
  const dir = join(__dirname, '../../worker/test-histories');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), historyToFile(history));
}

describe('complaint lifecycle through the API', () => {
  it('walks the happy path to archive, skipping approval for a small compensation and saying why', async () => {
    const id = await submit();
    const acked = await ok('handler', 'acknowledgeComplaint', id);
    expect(acked.complaint.firstRespondedAt).not.toBeNull();
    expect(acked.lifecycle.allowedActions).toEqual(expect.arrayContaining(['startInvestigation']));
    const investigating = await ok('handler', 'startInvestigation', id);
    expect(investigating.complaint.stage).toBe('investigation');
    expect(investigating.lifecycle.allowedActions).toEqual(['recordFindings']);
    const tooEarly = await act('handler', 'proposeSolution', id, proposeArgs, propose('100.00'));
    expect(errorCode(tooEarly)).toBe('CONFLICT');
    expect(tooEarly.errors![0].message).toMatch(/Record the findings first/);
    expect(errorCode(await act('clerk', 'recordFindings', id, ', findings: $findings', { findings: 'Seen' }))).toBe('FORBIDDEN');
    expect(errorCode(await act('handler', 'recordFindings', id, ', findings: $findings', { findings: ' ' }))).toBe('BAD_USER_INPUT');
    const handling = await ok('handler', 'recordFindings', id, ', findings: $findings', { findings: 'The kettle was damaged in transit' });
    expect(handling.complaint.stage).toBe('handling');
    expect(handling.lifecycle.allowedActions).toEqual(['proposeSolution']);
    const handlingDue = await gql(api.url, 'query($id:ID!){ complaintLifecycle(id:$id){ stage stageStartedAt stageDueAt } }', { id }, token('handler'));
    expect(handlingDue.data!.complaintLifecycle.stage).toBe('handling');
    expect(Date.parse(handlingDue.data!.complaintLifecycle.stageDueAt)).toBeGreaterThan(Date.parse(handlingDue.data!.complaintLifecycle.stageStartedAt));

    const proposed = await ok('handler', 'proposeSolution', id, proposeArgs, propose('100.00'));
    expect(proposed.lifecycle).toMatchObject({ stage: 'feedback', approvalRequired: false });
    const fed = await ok('handler', 'sendFeedback', id, ', message: $message', { message: 'We will replace it' });
    expect(fed.complaint.status).toBe('WAITING_ON_CUSTOMER');
    expect(fed.lifecycle.clockPaused).toBe(true);

    const accepted = await gql(
      api.url,
      `mutation($id: ID!) { recordCustomerResponse(id: $id, input: { accepted: true, rating: 5, comment: "Thanks" }) ${PAYLOAD} }`,
      { id },
      token('handler'),
    );
    expect(accepted.data!.recordCustomerResponse.complaint).toMatchObject({ status: 'RESOLVED', stage: 'followup', satisfaction: 5 });
    const archived = await ok('followup', 'recordFollowUp', id, ', note: $note', { note: 'Customer is happy' });
    expect(archived.complaint).toMatchObject({ stage: 'archive', status: 'CLOSED' });
    expect(archived.lifecycle.allowedActions).toEqual(['reopen']);

    const events = await timeline(id);
    const kinds = events.map((e) => e.kind);
    expect(kinds).toEqual([
      'complaint.created',
      'complaint.routed',
      'lifecycle.started',
      'stage.entered',
      'complaint.acknowledged',
      'stage.entered',
      'findings.recorded',
      'stage.entered',
      'solution.proposed',
      'approval.skipped',
      'stage.entered',
      'feedback.sent',
      'sla.paused',
      'customer.accepted',
      'complaint.closed',
      'followup.scheduled',
      'stage.entered',
      'followup.recorded',
      'stage.entered',
      'complaint.archived',
    ]);
    expect(events.find((e) => e.kind === 'approval.skipped')!.note).toMatch(/100 CNY is within the frontline's limit of 500 CNY/);
    expect(await stagesEntered(id)).toEqual(['intake', 'investigation', 'handling', 'feedback', 'followup', 'archive']);
    // A new name, so the histories recorded before the seven-stage patch stay and keep proving the old path replays.
    await recordHistory(id, 'happy-path.seven-stages');
  });

  it('sends a compensation above the threshold to the supervisor, who alone may approve it', async () => {
    const id = await submit();
    await investigate(id);
    const proposed = await ok('handler', 'proposeSolution', id, proposeArgs, propose('800'));
    expect(proposed.lifecycle).toMatchObject({ stage: 'review', approvalRequired: true });
    expect(proposed.lifecycle.allowedActions).not.toContain('approve');

    expect(errorCode(await act('handler', 'approveSolution', id))).toBe('FORBIDDEN');
    const rejected = await ok('supervisor', 'rejectSolution', id, ', reason: $reason', { reason: 'Too generous' });
    expect(rejected.complaint.stage).toBe('handling');
    await ok('handler', 'proposeSolution', id, proposeArgs, propose('600'));
    const approved = await ok('supervisor', 'approveSolution', id);
    expect(approved.complaint.stage).toBe('feedback');
    const kinds = (await timeline(id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'approval.requested')).toHaveLength(2);
    expect(kinds).toContain('solution.rejected');
    expect(kinds).toContain('solution.approved');
  });

  it('opens round two owned by the escalation team after a rating of 2, and management review after the last round', async () => {
    const id = await submit();
    await investigate(id);
    await ok('handler', 'proposeSolution', id, proposeArgs, propose('0'));
    await ok('handler', 'sendFeedback', id, ', message: $message', { message: 'Sorry' });
    const unhappy = await gql(
      api.url,
      `mutation($id: ID!) { recordCustomerResponse(id: $id, input: { accepted: true, rating: 2 }) ${PAYLOAD} }`,
      { id },
      token('handler'),
    );
    expect(unhappy.data!.recordCustomerResponse.complaint).toMatchObject({ round: 2, stage: 'handling', teamCode: 'escalation', status: 'OPEN' });

    await ok('handler', 'proposeSolution', id, proposeArgs, propose('0'));
    await ok('handler', 'sendFeedback', id, ', message: $message', { message: 'Second try' });
    const rejected = await gql(
      api.url,
      `mutation($id: ID!) { recordCustomerResponse(id: $id, input: { accepted: false, reason: "Still broken" }) ${PAYLOAD} }`,
      { id },
      token('handler'),
    );
    expect(rejected.data!.recordCustomerResponse.lifecycle).toMatchObject({ stage: 'review', round: 2, managementReview: true });
    const decided = await ok('supervisor', 'approveSolution', id, ', note: $note', { note: 'Final offer stands' });
    expect(decided.complaint).toMatchObject({ status: 'RESOLVED', stage: 'followup' });
    const kinds = (await timeline(id)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['round.opened', 'lifecycle.management_review', 'management.decided']));
    await recordHistory(id, 'second-round-and-management-review.seven-stages');
  });

  it('rejects actions in the wrong stage, bad input and missing permissions with typed errors', async () => {
    const id = await submit();
    expect(errorCode(await act('handler', 'sendFeedback', id, ', message: $message', { message: 'Too early' }))).toBe('CONFLICT');
    expect(errorCode(await act('clerk', 'startInvestigation', id))).toBe('FORBIDDEN');
    await investigate(id);
    const badType = await act('handler', 'proposeSolution', id, proposeArgs, { input: { text: 'x', compensationType: 'gold', compensationAmount: '1' } });
    expect(errorCode(badType)).toBe('BAD_USER_INPUT');
    expect(badType.errors![0].message).toMatch(/compensationType/);
    await ok('handler', 'proposeSolution', id, proposeArgs, propose('0'));
    await ok('handler', 'sendFeedback', id, ', message: $message', { message: 'Done' });
    const badRating = await gql(
      api.url,
      `mutation($id: ID!) { recordCustomerResponse(id: $id, input: { accepted: true, rating: 9 }) ${PAYLOAD} }`,
      { id },
      token('handler'),
    );
    expect(errorCode(badRating)).toBe('BAD_USER_INPUT');
    const state = await gql(api.url, 'query($id:ID!){ complaintLifecycle(id:$id){ stage clockPaused allowedActions } }', { id }, token('handler'));
    expect(state.data!.complaintLifecycle).toEqual({ stage: 'feedback', clockPaused: true, allowedActions: ['customerResponse'] });
  });

  it('reopens an archived complaint within the window as round two, owned by the escalation team', async () => {
    const id = await submit();
    await investigate(id);
    await ok('handler', 'proposeSolution', id, proposeArgs, propose('0'));
    await ok('handler', 'sendFeedback', id, ', message: $message', { message: 'Fixed' });
    await gql(api.url, `mutation($id: ID!) { recordCustomerResponse(id: $id, input: { accepted: true, rating: 4 }) ${PAYLOAD} }`, { id }, token('handler'));
    await ok('followup', 'archiveComplaint', id);
    expect(errorCode(await act('handler', 'reopenComplaint', id, ', reason: $reason', { reason: 'Broke again' }))).toBe('FORBIDDEN');
    const reopened = await ok('followup', 'reopenComplaint', id, ', reason: $reason', { reason: 'Broke again' });
    expect(reopened.complaint).toMatchObject({ stage: 'handling', status: 'OPEN', round: 2, teamCode: 'escalation', closedAt: null });
    expect((await timeline(id)).map((e) => e.kind)).toEqual(expect.arrayContaining(['complaint.archived', 'complaint.reopened', 'round.opened']));
  });

  it('the customer answers the follow-up survey on the portal; follow-up satisfaction counts it apart from the solution rating', async () => {
    const closeWithRating = async (rating: number) => {
      const id = await submit();
      await investigate(id);
      await ok('handler', 'proposeSolution', id, proposeArgs, propose('0'));
      await ok('handler', 'sendFeedback', id, ', message: $message', { message: 'Fixed' });
      const res = await gql(
        api.url,
        `mutation($id: ID!) { recordCustomerResponse(id: $id, input: { accepted: true, rating: ${rating} }) ${PAYLOAD} }`,
        { id },
        token('handler'),
      );
      expect(res.data!.recordCustomerResponse.complaint.stage).toBe('followup');
      return id;
    };
    const today = new Date();
    const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const SURVEY = 'query($f: AnalyticsFilter!){ followUpSurvey(filter: $f){ answered average satisfiedRate distribution target } }';
    const survey = async () => (await gql(api.url, SURVEY, { f: { from: day(-1), to: day(1) } }, token('admin'))).data!.followUpSurvey;
    const before = await survey();

    const answeredOnline = await closeWithRating(5);
    const portalKey = (await gql(api.url, '{ tenant { publishableKey } }', {}, token('admin'))).data!.tenant.publishableKey;
    const number = (await gql(api.url, 'query($id:ID!){ complaint(id:$id){ number } }', { id: answeredOnline }, token('admin'))).data!.complaint.number;
    const tracked = await gql(api.url, 'mutation($k:String!,$n:String!,$c:String!){ trackComplaint(portalKey:$k, number:$n, contact:$c){ token } }', {
      k: portalKey,
      n: number,
      c: 'ada@example.com',
    });
    const portal = `Bearer ${tracked.data!.trackComplaint.token}`;
    const ANSWER = 'mutation($r:Int!,$c:String){ portalAnswerSurvey(rating:$r, comment:$c){ complaint { stage status } lifecycle { allowedActions } } }';
    expect(errorCode(await gql(api.url, ANSWER, { r: 9 }, portal))).toBe('BAD_USER_INPUT');
    const answered = await gql(api.url, ANSWER, { r: 3, c: '处理得太慢了' }, portal);
    expect(answered.data!.portalAnswerSurvey.complaint).toMatchObject({ stage: 'archive', status: 'CLOSED' });
    expect(errorCode(await gql(api.url, ANSWER, { r: 4 }, portal))).toBe('CONFLICT');
    const recorded = (await timeline(answeredOnline)).find((e) => e.kind === 'followup.recorded');
    expect(recorded?.note).toBe('处理得太慢了');

    const calledBack = await closeWithRating(5);
    await ok('followup', 'recordFollowUp', calledBack, ', note: $note, rating: 5', { note: 'Called: all good' });
    // A survey not answered on another complaint counts nothing.
    await closeWithRating(4);

    const after = await survey();
    expect(after.answered - before.answered).toBe(2);
    expect(after.distribution.map((n: number, i: number) => n - before.distribution[i])).toEqual([0, 0, 1, 0, 1]);
    expect(after.target).toBe(0.85);
    if (before.answered === 0) expect(after).toMatchObject({ average: 4, satisfiedRate: 0.5 });
  });

  it('a desk that merges investigation and handling proposes during investigation and skips handling in round one', async () => {
    const small = await createTestTenant(
      admin,
      { url: api.url, orm: api.orm, close: api.close },
      { config: roundTheClockConfig((c) => (c.lifecycle.mergeInvestigationAndHandling = true)), staff: STAFF },
    );
    const res = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, small.tokens['clerk@t.test']);
    const id: string = res.data!.submitComplaint.complaint.id;
    const run = (mutation: string, args = '', vars: Record<string, unknown> = {}) =>
      gql(
        api.url,
        `mutation($id: ID!${Object.keys(vars)
          .map((k) => `, $${k}: ${k === 'input' ? 'ProposeSolutionInput!' : 'String!'}`)
          .join('')}) { ${mutation}(id: $id${args}) ${PAYLOAD} }`,
        { id, ...vars },
        small.tokens['handler@t.test'],
      );
    const investigating = await run('startInvestigation');
    expect(investigating.data!.startInvestigation.lifecycle.allowedActions).toEqual(['proposeSolution']);
    expect(errorCode(await run('recordFindings', ', findings: $findings', { findings: 'Seen' }))).toBe('CONFLICT');
    const proposed = await run('proposeSolution', proposeArgs, propose('0'));
    expect(proposed.data!.proposeSolution.lifecycle.stage).toBe('feedback');
    const events = await gql(api.url, 'query($id:ID!){ complaint(id:$id){ events { kind toValue } } }', { id }, small.tokens['admin@t.test']);
    const entered = (events.data!.complaint.events as { kind: string; toValue: string }[]).filter((e) => e.kind === 'stage.entered').map((e) => e.toValue);
    expect(entered).toEqual(['intake', 'investigation', 'feedback']);
  });

  it('pages the supervisor at intake for a severity with an emergency plan', async () => {
    const id = await submit({ severity: 'major' });
    const events = await eventuallyTimeline(id, 'supervisor.paged');
    expect(events).toContain('supervisor.paged');
  });

  it('answers NOT_FOUND for another tenant’s complaint', async () => {
    const other = await createTestTenant(admin, { url: api.url, orm: api.orm, close: api.close }, { config: roundTheClockConfig(), staff: STAFF });
    const id = await submit();
    const res = await gql(api.url, 'mutation($id:ID!){ acknowledgeComplaint(id:$id){ complaint { id } } }', { id }, other.tokens['handler@t.test']);
    expect(errorCode(res)).toBe('NOT_FOUND');
  });
});
