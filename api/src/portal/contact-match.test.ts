import { contactMatches, normalizeContact } from './contact-match';

describe('contact matching for complaint tracking', () => {
  it('compares emails case-insensitively and phones by digits', () => {
    expect(normalizeContact('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(normalizeContact('+86 138-0000 0000')).toBe('8613800000000');
    expect(contactMatches('ADA@example.com', ['ada@example.com', null])).toBe(true);
    expect(contactMatches('+86 (138) 0000-0000', [null, '8613800000000'])).toBe(true);
  });

  it('refuses a wrong contact, an empty contact and an unknown complaint', () => {
    expect(contactMatches('eve@example.com', ['ada@example.com'])).toBe(false);
    expect(contactMatches('', [null, null])).toBe(false);
    expect(contactMatches('ada@example.com', [])).toBe(false);
  });
});
