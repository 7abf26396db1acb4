import { emptyIntake, intakeProblems, toSubmitInput } from './intake';

describe('phone and in-store intake', () => {
  it('needs a subject, a description, a name and a way to reach the customer', () => {
    expect(intakeProblems(emptyIntake())).toEqual(['subject', 'description', 'customerName', 'contact']);
    expect(intakeProblems({ ...emptyIntake(), anonymous: true, subject: 's', description: 'd', phone: '138' })).toEqual([]);
  });

  it('sends a named caller as a customer and an anonymous one as a contact only', () => {
    const named = toSubmitInput({ ...emptyIntake(), customerName: ' 王芳 ', phone: '13800000000', tier: 'vip', subject: 's', description: 'd' });
    expect(named.customer).toEqual({ name: '王芳', phone: '13800000000', email: undefined, tier: 'vip', externalId: undefined });
    expect(named.contact).toBeUndefined();
    const anonymous = toSubmitInput({ ...emptyIntake(), anonymous: true, phone: '138', subject: 's', description: 'd', channel: 'store' });
    expect(anonymous.customer).toBeUndefined();
    expect(anonymous.contact).toEqual({ phone: '138', email: undefined, name: undefined });
    expect(anonymous.channel).toBe('store');
  });
});
