import { normaliseText } from './text-normalisation';

/** Runs of Han characters, or runs of Latin letters and digits (words); everything else separates. */
const TOKEN_RUN = /(\p{Script=Han}+)|([\p{Script=Latin}\p{Nd}]+)/gu;

/**
 * Classifier features: character bigrams for Chinese (a lone character stands for itself), lowercased words
 * for English. Bigrams need no dictionary yet catch most two-character words (退款, 没到, 到账).
 */
export function textFeatures(text: string): string[] {
  const features: string[] = [];
  for (const [, han, word] of normaliseText(text).matchAll(TOKEN_RUN)) {
    if (word !== undefined) {
      if (word.length > 1) features.push(word);
      continue;
    }
    const chars = Array.from(han ?? '');
    if (chars.length === 1) features.push(chars[0]);
    for (let i = 0; i + 1 < chars.length; i += 1) features.push(chars[i] + chars[i + 1]);
  }
  return features;
}
