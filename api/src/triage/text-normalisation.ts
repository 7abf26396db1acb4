/**
 * Texts longer than this are read on their beginning only (the classifier reads less still, tokenize.ts): the
 * subject and the first pages say what a complaint is about, and a pasted 100 KB log must not cost the intake
 * more than a short text does.
 */
export const MAX_TEXT_CHARS = 20_000;

/**
 * NFKC folds full-width digits and letters (１２３１５, ＬＡＷＹＥＲ) into their ASCII forms, so keywords and
 * tokens match however the customer's keyboard wrote them; lowercasing makes matching case-insensitive.
 */
export function normaliseText(text: string): string {
  return text.slice(0, MAX_TEXT_CHARS).normalize('NFKC').toLowerCase();
}

/** Han ideographs (with the compatibility block); kana and hangul are not counted as Chinese. */
export const HAN = /\p{Script=Han}/u;
