import { ApplicationFailure } from '@temporalio/workflow';
import { PERMISSIONS } from '@complaints/tenant-config';
import { LIFECYCLE_ACTION_NAMES, LifecycleRejection, mayAct, type LifecycleAction } from '@complaints/tenant-config/lifecycle-contract';
import { CUSTOMER, DAY, HOUR, STAFF, T0, VERSION, roundTheClockConfig, caller, walk, withoutStage } from '../testing/lifecycle-fixtures';
import { assertAllowed, inputProblems, stageProblem } from './lifecycle-rules';
import type { LifecycleState } from './lifecycle-state';
import { viewOf } from './lifecycle-view';

const config = roundTheClockConfig();
const allowedNow = (s: LifecycleState, now: number) => LIFECYCLE_ACTION_NAMES.filter((a) => stageProblem(a, s, now) === null);

describe('mayAct', () => {
  it.each<[LifecycleAction, string]>([
    ['acknowledge', 'complaint.handle'],
    ['assign', 'complaint.assign'],
    ['startInvestigation', 'complaint.handle'],
    ['recordFindings', 'complaint.handle'],
    ['proposeSolution', 'complaint.handle'],
    ['approve', 'complaint.approve'],
    ['reject', 'complaint.approve'],
    ['sendFeedback', 'complaint.handle'],
    ['customerResponse', 'complaint.handle'],
    ['recordFollowUp', 'complaint.followup'],
    ['archive', 'complaint.archive'],
    ['reopen', 'complaint.reopen'],
  ])('staff may %s with %s and not with every other permission', (action, permission) => {
    expect(mayAct(action, [permission], 'user')).toBe(true);
    expect(mayAct(action, [permission], 'api_key')).toBe(true);
    expect(mayAct(action, [permission])).toBe(true);
    expect(
      mayAct(
        action,
        PERMISSIONS.filter((p) => p !== permission),
        'user',
      ),
    ).toBe(false);
  });

  it('a complainant answers the solution and the follow-up survey and reopens without permissions, and does nothing else even with all of them', () => {
    expect(LIFECYCLE_ACTION_NAMES.filter((a) => mayAct(a, [], 'customer'))).toEqual(['customerResponse', 'recordFollowUp', 'reopen']);
    expect(LIFECYCLE_ACTION_NAMES.filter((a) => mayAct(a, [...PERMISSIONS], 'customer'))).toEqual(['customerResponse', 'recordFollowUp', 'reopen']);
  });
});

describe('allowedActions of the view', () => {
  it('lists what the state allows, narrowed to what the reader may do', () => {
    const { s, at } = walk('review');
    expect(viewOf(s, at).allowedActions).toEqual(['assign', 'approve', 'reject']);
    expect(viewOf(s, at, ['complaint.read', 'complaint.assign']).allowedActions).toEqual(['assign']);
    expect(viewOf(s, at, ['complaint.handle']).allowedActions).toEqual([]);
  });
});

describe('stageProblem', () => {
  const reviewed = () => {
    const lastRound = roundTheClockConfig((c) => (c.lifecycle.rounds.max = 1));
    const { s, at } = walk('waiting', lastRound);
    s.customerResponse(CUSTOMER, { accepted: false, reason: 'No' }, at + HOUR, lastRound, VERSION);
    return { s, at: at + HOUR };
  };
  const mergedDesk = roundTheClockConfig((c) => (c.lifecycle.mergeInvestigationAndHandling = true));
  const handling = () => {
    const { s, at } = walk('review');
    s.reject(STAFF, { reason: 'No' }, at + HOUR, config, VERSION);
    return { s, at: at + HOUR };
  };
  const acknowledged = () => {
    const { s } = walk('intake');
    s.acknowledge(STAFF, {}, T0 + 1);
    return { s, at: T0 + 1 };
  };
  const followUpStarted = () => {
    const { s, at } = walk('closed');
    s.fireDue(at + DAY, config, VERSION);
    return { s, at: at + DAY };
  };
  const archived = (after: number) => () => {
    const { s, at } = walk('closed');
    s.archive(STAFF, {});
    return { s, at: at + after };
  };

  it.each<[string, LifecycleAction[], () => { s: LifecycleState; at: number }]>([
    ['a new complaint in intake', ['acknowledge', 'assign', 'startInvestigation'], () => walk('intake')],
    ['an acknowledged complaint in intake', ['assign', 'startInvestigation'], acknowledged],
    ['investigation', ['assign', 'recordFindings'], () => walk('investigation')],
    ['round one handling after the findings', ['assign', 'proposeSolution'], () => walk('handling')],
    ['investigation at a desk that merges it with handling', ['assign', 'proposeSolution'], () => walk('investigation', mergedDesk)],
    ['handling after a rejected solution', ['assign', 'proposeSolution'], handling],
    ['review of a solution', ['assign', 'approve', 'reject'], () => walk('review')],
    ['management review', ['assign', 'approve'], reviewed],
    ['feedback not yet sent', ['assign', 'sendFeedback'], () => walk('feedback')],
    ['feedback waiting on the customer', ['assign', 'customerResponse'], () => walk('waiting')],
    ['a closed complaint before its follow-up', ['assign', 'recordFollowUp', 'archive', 'reopen'], () => walk('closed')],
    ['a closed complaint in follow-up', ['assign', 'recordFollowUp', 'archive', 'reopen'], followUpStarted],
    ['an archived complaint within the reopen window', ['reopen'], archived(15 * DAY - 1)],
    ['an archived complaint at the end of the reopen window', [], archived(15 * DAY)],
  ])('%s allows exactly %j', (_name, expected, make) => {
    const { s, at } = make();
    expect(allowedNow(s, at)).toEqual(expected);
  });

  it.each<[string, LifecycleAction, string, () => { s: LifecycleState; at: number }]>([
    ['investigation', 'acknowledge', 'Only a complaint in intake can be acknowledged', () => walk('investigation')],
    ['intake', 'acknowledge', 'The complaint is already acknowledged', acknowledged],
    ['investigation', 'startInvestigation', 'Investigation starts from intake', () => walk('investigation')],
    ['intake', 'proposeSolution', 'A solution is proposed during investigation or handling', () => walk('intake')],
    ['investigation', 'proposeSolution', 'Record the findings first: the solution is proposed in handling', () => walk('investigation')],
    ['handling', 'recordFindings', 'Findings are recorded during investigation', () => walk('handling')],
    ['merged investigation', 'recordFindings', 'This desk investigates and handles in one step: propose the solution', () => walk('investigation', mergedDesk)],
    ['feedback', 'approve', 'Nothing is waiting for approval', () => walk('feedback')],
    ['feedback', 'reject', 'Nothing is waiting for approval', () => walk('feedback')],
    ['management review', 'reject', 'A management review ends with a decision (approve), not a rejection', reviewed],
    ['review', 'sendFeedback', 'Feedback is sent once the solution is approved or needs no approval', () => walk('review')],
    ['waiting', 'sendFeedback', 'Feedback was sent; the customer has not answered yet', () => walk('waiting')],
    ['feedback', 'customerResponse', 'No feedback is waiting for the customer', () => walk('feedback')],
    ['waiting', 'recordFollowUp', 'Follow-up happens after the complaint is closed', () => walk('waiting')],
    ['waiting', 'archive', 'Only a closed complaint in follow-up can be archived', () => walk('waiting')],
    ['archive', 'archive', 'Only a closed complaint in follow-up can be archived', archived(0)],
    ['archive', 'assign', 'An archived complaint cannot be reassigned', archived(0)],
    ['waiting', 'reopen', 'Only a closed complaint can be reopened', () => walk('waiting')],
    ['archive', 'reopen', 'The reopen window has passed', archived(15 * DAY)],
  ])('in %s, %s is refused: %s', (_stage, action, message, make) => {
    const { s, at } = make();
    expect(stageProblem(action, s, at)).toBe(message);
  });

  it('a reopened complaint in handling cannot be reopened again', () => {
    const { s, at } = archived(DAY)();
    s.reopen(CUSTOMER, { reason: 'Again' }, at, config, VERSION);
    expect(stageProblem('reopen', s, at)).toBe('Only a closed complaint can be reopened');
  });

  it('a tenant without a reopen window never lets a complaint be reopened', () => {
    const noWindow = roundTheClockConfig((c) => {
      c.lifecycle.reopenWindowDays = 0;
      withoutStage(c, 'followup');
    });
    const { s, at } = walk('closed', noWindow);
    expect(stageProblem('reopen', s, at)).toBe('The reopen window has passed');
    s.fireDue(at, noWindow, VERSION);
    expect(stageProblem('reopen', s, at)).toBe('The reopen window has passed');
  });
});

describe('inputProblems', () => {
  const USER = STAFF.id!;
  const long = 'x'.repeat(10_001);
  it.each<[LifecycleAction, Record<string, unknown>, string[]]>([
    ['assign', { assigneeId: USER }, []],
    ['assign', { teamCode: 'quality', note: 'Theirs' }, []],
    ['assign', {}, ['Give an assignee, a team or both']],
    ['assign', { assigneeId: null, teamCode: null }, ['Give an assignee, a team or both']],
    ['assign', { assigneeId: 'lin' }, ['assigneeId is not a user id']],
    ['assign', { assigneeId: 42 }, ['assigneeId is not a user id']],
    ['assign', { teamCode: 'nope' }, ['Unknown team "nope"']],
    ['assign', { assigneeId: USER, note: '   ' }, ['note must be non-empty text']],
    ['assign', { assigneeId: USER, note: long }, ['note is longer than 10000 characters']],
    ['assign', { assigneeId: USER, note: 'x'.repeat(10_000) }, []],
    ['proposeSolution', { text: 'Refund', compensationType: 'refund', compensationAmount: 100 }, []],
    ['proposeSolution', { text: 'Apology', compensationType: 'none', compensationAmount: 0 }, []],
    [
      'proposeSolution',
      {},
      ['text is required', 'compensationType must be one of none, refund, voucher, replacement, repair, other', 'compensationAmount must be a number >= 0'],
    ],
    ['proposeSolution', { text: ' ', compensationType: 'refund', compensationAmount: 1 }, ['text must be non-empty text']],
    [
      'proposeSolution',
      { text: 'Cash', compensationType: 'cash', compensationAmount: 1 },
      ['compensationType must be one of none, refund, voucher, replacement, repair, other'],
    ],
    ['proposeSolution', { text: 'Refund', compensationType: 'refund', compensationAmount: -1 }, ['compensationAmount must be a number >= 0']],
    ['proposeSolution', { text: 'Refund', compensationType: 'refund', compensationAmount: Number.NaN }, ['compensationAmount must be a number >= 0']],
    ['proposeSolution', { text: 'Refund', compensationType: 'refund', compensationAmount: Infinity }, ['compensationAmount must be a number >= 0']],
    ['proposeSolution', { text: 'Refund', compensationType: 'refund', compensationAmount: '100' }, ['compensationAmount must be a number >= 0']],
    ['proposeSolution', { text: 'Apology', compensationType: 'none', compensationAmount: 5 }, ['compensationAmount must be 0 when compensationType is none']],
    ['reject', { reason: 'Too generous' }, []],
    ['reject', {}, ['reason is required']],
    ['reject', { reason: '' }, ['reason is required']],
    ['reject', { reason: '  ' }, ['reason must be non-empty text']],
    ['reopen', {}, ['reason is required']],
    ['reopen', { reason: 7 }, ['reason must be non-empty text']],
    ['sendFeedback', { message: 'Here is our answer' }, []],
    ['sendFeedback', {}, ['message is required']],
    ['customerResponse', { accepted: true, rating: 1 }, []],
    ['customerResponse', { accepted: true, rating: 5, comment: 'Thanks' }, []],
    ['customerResponse', { accepted: false, reason: 'Still broken' }, []],
    ['customerResponse', {}, ['accepted must be true or false']],
    ['customerResponse', { accepted: 'yes' }, ['accepted must be true or false']],
    ['customerResponse', { accepted: true }, ['rating is required']],
    ['customerResponse', { accepted: true, rating: 0 }, ['rating must be a whole number from 1 to 5']],
    ['customerResponse', { accepted: true, rating: 6 }, ['rating must be a whole number from 1 to 5']],
    ['customerResponse', { accepted: true, rating: 2.5 }, ['rating must be a whole number from 1 to 5']],
    ['customerResponse', { accepted: true, rating: '4' }, ['rating must be a whole number from 1 to 5']],
    ['customerResponse', { accepted: true, rating: 4, comment: ' ' }, ['comment must be non-empty text']],
    ['customerResponse', { accepted: false }, ['reason is required']],
    ['customerResponse', { accepted: false, reason: 'No', rating: 9 }, ['rating must be a whole number from 1 to 5']],
    ['recordFollowUp', { note: 'Happy now' }, []],
    ['recordFollowUp', { note: 'Happy now', rating: null }, []],
    ['recordFollowUp', {}, ['note is required']],
    ['recordFollowUp', { note: 'Happy now', rating: 7 }, ['rating must be a whole number from 1 to 5']],
    ['acknowledge', {}, []],
    ['approve', { note: '' }, []],
    ['approve', { note: 5 }, ['note must be non-empty text']],
    ['archive', { note: long }, ['note is longer than 10000 characters']],
    ['startInvestigation', { note: null }, []],
    ['recordFindings', {}, ['findings is required']],
    ['recordFindings', { findings: 'Broken seal' }, []],
  ])('%s with %j: %j', (action, args, expected) => {
    expect(inputProblems(action, args, config)).toEqual(expected);
  });

  it('a team is checked only once the configuration is known', () => {
    expect(inputProblems('assign', { teamCode: 'nope' }, undefined)).toEqual([]);
  });
});

describe('assertAllowed', () => {
  const rejection = (run: () => void): ApplicationFailure => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ApplicationFailure);
      return error as ApplicationFailure;
    }
    throw new Error('the action was allowed');
  };
  const handler = caller(['complaint.read', 'complaint.handle']);

  it('lets an allowed action with valid input through', () => {
    const { s, at } = walk('waiting');
    expect(() => assertAllowed('customerResponse', handler, { accepted: true, rating: 4 }, s, config, at)).not.toThrow();
    expect(() => assertAllowed('customerResponse', caller([], 'customer'), { accepted: false, reason: 'No' }, s, config, at)).not.toThrow();
  });

  it('refuses a caller without the permission before looking at the stage', () => {
    const { s, at } = walk('intake');
    const failure = rejection(() => assertAllowed('approve', handler, {}, s, config, at));
    expect(failure).toMatchObject({ type: LifecycleRejection.FORBIDDEN, message: 'Missing permission: complaint.approve', nonRetryable: true });
  });

  it.each([
    ['no caller', undefined],
    ['a caller without a permission list', { type: 'user', id: null, name: null }],
    ['a complainant acting as staff', caller([...PERMISSIONS], 'customer')],
  ])('refuses %s', (_name, who) => {
    const { s, at } = walk('intake');
    expect(rejection(() => assertAllowed('acknowledge', who as never, {}, s, config, at)).type).toBe(LifecycleRejection.FORBIDDEN);
  });

  it('refuses the wrong stage before looking at the input, naming the current stage', () => {
    const { s, at } = walk('intake');
    const failure = rejection(() => assertAllowed('sendFeedback', handler, {}, s, config, at));
    expect(failure).toMatchObject({
      type: LifecycleRejection.WRONG_STAGE,
      message: 'Feedback is sent once the solution is approved or needs no approval',
      nonRetryable: true,
      details: ['intake'],
    });
  });

  it('refuses invalid input with every problem', () => {
    const { s, at } = walk('handling');
    const failure = rejection(() => assertAllowed('proposeSolution', handler, { compensationType: 'none', compensationAmount: 3 }, s, config, at));
    expect(failure).toMatchObject({
      type: LifecycleRejection.INVALID_INPUT,
      message: 'text is required; compensationAmount must be 0 when compensationType is none',
      nonRetryable: true,
      details: ['text is required', 'compensationAmount must be 0 when compensationType is none'],
    });
  });

  it('treats missing arguments as empty ones', () => {
    const { s, at } = walk('review');
    const approver = caller(['complaint.approve']);
    expect(rejection(() => assertAllowed('reject', approver, undefined as never, s, config, at))).toMatchObject({
      type: LifecycleRejection.INVALID_INPUT,
      details: ['reason is required'],
    });
  });
});
