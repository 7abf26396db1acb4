import { FEATURE_SET, readableTerm, textFeatures } from './tokenize';

export interface LabelledText {
  text: string;
  label: string;
}

/** Counts per label, as plain JSON (stored in PostgreSQL); terms are pairs so no term can collide with an object key. */
export interface NaiveBayesModel {
  kind: 'multinomial-naive-bayes';
  /** The feature extraction the counts were made with (tokenize.ts); a model of another one is not read. */
  features: string;
  /** Additive (Laplace) smoothing. */
  alpha: number;
  vocabularySize: number;
  labels: { label: string; documents: number; termTotal: number; terms: [string, number][] }[];
}

export interface RankedLabel {
  label: string;
  /** Posterior probability, 0..1; the ranked list sums to 1. */
  confidence: number;
}

export interface TextClassification {
  ranked: RankedLabel[];
  /** The terms of the text that weighed most for the first label, strongest first. */
  topTerms: string[];
}

export function trainNaiveBayes(examples: readonly LabelledText[], alpha = 1): NaiveBayesModel {
  const byLabel = new Map<string, { documents: number; termTotal: number; terms: Map<string, number> }>();
  const vocabulary = new Set<string>();
  for (const { text, label } of examples) {
    const counts = byLabel.get(label) ?? { documents: 0, termTotal: 0, terms: new Map<string, number>() };
    byLabel.set(label, counts);
    counts.documents += 1;
    for (const term of textFeatures(text)) {
      vocabulary.add(term);
      counts.termTotal += 1;
      counts.terms.set(term, (counts.terms.get(term) ?? 0) + 1);
    }
  }
  return {
    kind: 'multinomial-naive-bayes',
    features: FEATURE_SET,
    alpha,
    vocabularySize: vocabulary.size,
    labels: [...byLabel].map(([label, counts]) => ({
      label,
      documents: counts.documents,
      termTotal: counts.termTotal,
      terms: [...counts.terms],
    })),
  };
}

interface CompiledLabel {
  label: string;
  logPrior: number;
  /** log P(term | label) of a term never seen with this label. */
  logUnseen: number;
  logLikelihood: Map<string, number>;
}

const compiled = new WeakMap<NaiveBayesModel, CompiledLabel[]>();

/** Log-probabilities computed once per model object, so a prediction is a few map look-ups per term. */
function compile(model: NaiveBayesModel): CompiledLabel[] {
  const cached = compiled.get(model);
  if (cached) return cached;
  const documents = model.labels.reduce((sum, label) => sum + label.documents, 0);
  const labels = model.labels.map(({ label, documents: labelDocuments, termTotal, terms }) => {
    const denominator = Math.log(termTotal + model.alpha * model.vocabularySize);
    return {
      label,
      logPrior: Math.log(labelDocuments / documents),
      logUnseen: Math.log(model.alpha) - denominator,
      logLikelihood: new Map(terms.map(([term, count]) => [term, Math.log(count + model.alpha) - denominator])),
    };
  });
  compiled.set(model, labels);
  return labels;
}

const TOP_TERMS = 5;

/**
 * Ranks the model's labels for a text, or returns null when it cannot judge: no model labels, a model trained
 * on another feature extraction (its terms would not match), or no term of the text was ever seen in training
 * (empty text, only emoji, another language), where a ranking would only repeat the priors.
 */
export function classifyText(model: NaiveBayesModel, text: string): TextClassification | null {
  if (model.features !== FEATURE_SET) return null;
  const labels = compile(model);
  const termCounts = new Map<string, number>();
  for (const term of textFeatures(text)) {
    if (labels.some((label) => label.logLikelihood.has(term))) termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
  }
  if (labels.length === 0 || termCounts.size === 0) return null;
  const scores = labels.map((label) => {
    let score = label.logPrior;
    for (const [term, count] of termCounts) score += count * (label.logLikelihood.get(term) ?? label.logUnseen);
    return { label, score };
  });
  scores.sort((a, b) => b.score - a.score);
  // Softmax shifted by the best score, so long texts (very negative log scores) do not underflow to 0/0.
  const best = scores[0];
  const weights = scores.map(({ score }) => Math.exp(score - best.score));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return {
    ranked: scores.map(({ label }, index) => ({ label: label.label, confidence: weights[index] / total })),
    topTerms: topTermsFor(
      best.label,
      scores.slice(1).map(({ label }) => label),
      termCounts,
    ),
  };
}

/** A term weighs for the winner by how much likelier it is there than under the strongest other label. */
function topTermsFor(winner: CompiledLabel, others: CompiledLabel[], termCounts: Map<string, number>): string[] {
  const weighed = [...termCounts].map(([term, count]) => {
    const own = winner.logLikelihood.get(term) ?? winner.logUnseen;
    const rival = others.length ? Math.max(...others.map((other) => other.logLikelihood.get(term) ?? other.logUnseen)) : own - 1;
    return { term, weight: count * (own - rival) };
  });
  const readable = weighed
    .filter(({ weight }) => weight > 0)
    .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term))
    .map(({ term }) => readableTerm(term));
  // A word and its own bigram read the same: name it once.
  return [...new Set(readable)].slice(0, TOP_TERMS);
}
