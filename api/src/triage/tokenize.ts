import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import stem from 'wink-porter2-stemmer';
import { normaliseText } from './text-normalisation';

/** Runs of Han characters, or runs of Latin letters and digits (words); everything else separates. */
const TOKEN_RUN = /(\p{Script=Han}+)|([\p{Script=Latin}\p{Nd}]+)/gu;

/**
 * Character-bigram features carry this prefix so they never merge with a segmented word of the same two
 * characters: the word 退款 and the bigram ~退款 are separate evidence, and a typo (退歀) still shares its
 * other bigrams with the correctly spelt text.
 */
export const BIGRAM_MARK = '~';

/** Names the feature extraction a model was trained with; a model of another extraction cannot be read. */
export const FEATURE_SET = 'jieba-words+han-bigrams+porter2-stems/2';

/**
 * Function words say nothing about what a complaint is about, yet dominate "the terms that weighed most"
 * ("my, has, week"); they are dropped as words. Chinese ones stay inside the character bigrams (没到 needs 到).
 */
const STOP_WORDS = new Set([
  ...['a', 'an', 'and', 'are', 'as', 'at', 'be', 'been', 'but', 'by', 'for', 'from', 'had', 'has', 'have', 'he', 'her', 'his'],
  ...['i', 'in', 'is', 'it', 'its', 'me', 'my', 'of', 'on', 'or', 'our', 'she', 'so', 'that', 'the', 'their', 'them', 'they'],
  ...['this', 'to', 'was', 'we', 'were', 'with', 'you', 'your'],
  ...['的', '了', '我', '你', '你们', '我们', '是', '在', '就', '也', '都', '和', '吗', '呢', '啊'],
]);

/**
 * The classifier reads the first 2,000 characters (subject first): a page of Chinese says what a complaint is
 * about, and segmenting the 20,000 characters intake accepts costs about 25 ms of the API's event loop.
 */
export const CLASSIFIED_CHARS = 2_000;

let segmenter: Jieba | undefined;

/** Loading jieba's dictionary takes a few hundred milliseconds: once per process, on the first Chinese text. */
function chineseWords(han: string): string[] {
  segmenter ??= Jieba.withDict(dict);
  return segmenter.cut(han, true);
}

/**
 * Classifier features. Chinese: jieba's words plus the run's character bigrams (a lone character stands for
 * itself). English: lowercased Porter2 (Snowball English) stems of words of two letters or more, so "refunded" and "refunds" count
 * as "refund"; words with digits (order numbers, 12315) are kept as written.
 */
export function textFeatures(text: string): string[] {
  const features: string[] = [];
  for (const [, han, word] of normaliseText(text.slice(0, CLASSIFIED_CHARS)).matchAll(TOKEN_RUN)) {
    if (word !== undefined) {
      if (word.length > 1 && !STOP_WORDS.has(word)) features.push(/\p{Nd}/u.test(word) ? word : stem(word));
      continue;
    }
    const chars = Array.from(han ?? '');
    if (chars.length === 1) {
      if (!STOP_WORDS.has(chars[0])) features.push(chars[0]);
      continue;
    }
    features.push(...chineseWords(han ?? '').filter((segment) => !STOP_WORDS.has(segment)));
    for (let i = 0; i + 1 < chars.length; i += 1) features.push(BIGRAM_MARK + chars[i] + chars[i + 1]);
  }
  return features;
}

/** A feature as a person reads it in "the terms that weighed most": bigrams without their mark. */
export function readableTerm(feature: string): string {
  return feature.startsWith(BIGRAM_MARK) ? feature.slice(BIGRAM_MARK.length) : feature;
}
