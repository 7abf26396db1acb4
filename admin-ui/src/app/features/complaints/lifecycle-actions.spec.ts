import { actionRequest, emptyForm, missingFields, offeredActions } from './lifecycle-actions';

describe('lifecycle actions', () => {
  it('offers the allowed actions in workflow order and leaves assignment to its own form', () => {
    expect(offeredActions(['sendFeedback', 'assign', 'acknowledge'])).toEqual(['acknowledge', 'sendFeedback']);
  });

  it('asks for a rating to accept and a reason to reject a solution', () => {
    expect(missingFields('customerResponse', { ...emptyForm(), accepted: true })).toEqual(['rating']);
    expect(missingFields('customerResponse', { ...emptyForm(), accepted: false })).toEqual(['reason']);
    expect(missingFields('customerResponse', { ...emptyForm(), accepted: false, reason: 'Still broken' })).toEqual([]);
  });

  it('needs a solution text and a decimal amount to propose', () => {
    expect(missingFields('proposeSolution', { ...emptyForm(), compensationAmount: '12,5' })).toEqual(['text', 'compensationAmount']);
    const request = actionRequest('proposeSolution', 'c1', { ...emptyForm(), text: ' Replace it ', compensationType: 'refund', compensationAmount: '150.00' });
    expect(request.variables).toEqual({ id: 'c1', input: { text: 'Replace it', compensationType: 'refund', compensationAmount: '150.00' } });
  });

  it('sends a rejection without a rating as the reason alone', () => {
    const request = actionRequest('customerResponse', 'c1', { ...emptyForm(), accepted: false, reason: 'No', comment: '' });
    expect(request.variables).toEqual({ id: 'c1', input: { accepted: false, rating: null, comment: null, reason: 'No' } });
  });
});
