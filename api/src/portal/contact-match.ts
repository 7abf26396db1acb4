import { createHash, timingSafeEqual } from 'node:crypto';

/** Emails compare case-insensitively, phone numbers by their digits only. */
export function normalizeContact(contact: string): string {
  const text = contact.trim().toLowerCase();
  return text.includes('@') ? text : text.replace(/\D/g, '');
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether `given` matches one of the complaint's contacts, in time that does not depend on where
 * (or whether) they differ. Called with no candidates when the number is unknown, so that case costs
 * the same as a wrong contact.
 */
export function contactMatches(given: string, candidates: (string | null | undefined)[]): boolean {
  const wanted = digest(normalizeContact(given));
  const padded = [...candidates, undefined, undefined].slice(0, Math.max(2, candidates.length));
  let matched = false;
  for (const candidate of padded) {
    const normalized = candidate ? normalizeContact(candidate) : '';
    const same = timingSafeEqual(wanted, digest(normalized || '\u0000no-contact'));
    matched = (same && normalized.length > 0) || matched;
  }
  return matched;
}
