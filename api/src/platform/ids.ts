const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from clients are checked before they reach SQL: a malformed id is simply "not found". */
export const isUuid = (id: string): boolean => UUID.test(id);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A deliberately loose check: the mail server is the real judge of an address. */
export const isEmail = (text: string): boolean => EMAIL.test(text);
