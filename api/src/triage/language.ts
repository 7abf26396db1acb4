import { HAN, normaliseText } from './text-normalisation';

export type DetectedLanguage = 'zh' | 'en';

/**
 * A Chinese word is one or two characters, an English one about five letters: a text whose letters are a
 * quarter Han characters carries about as many Chinese words as English ones, and is read as Chinese.
 */
const CHINESE_SHARE = 0.25;
const LATIN_LETTER = /\p{Script=Latin}/u;

/** zh or en from the share of Han characters among the letters; null when there are no letters (emoji, digits, empty). */
export function detectLanguage(text: string): DetectedLanguage | null {
  let han = 0;
  let latin = 0;
  for (const char of normaliseText(text)) {
    if (HAN.test(char)) han += 1;
    else if (LATIN_LETTER.test(char)) latin += 1;
  }
  if (han + latin === 0) return null;
  return han / (han + latin) >= CHINESE_SHARE ? 'zh' : 'en';
}
