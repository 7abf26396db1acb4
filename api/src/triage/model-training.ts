import { classifyText, trainNaiveBayes, type LabelledText, type NaiveBayesModel } from './naive-bayes';

/** A complaint whose field staff confirmed or corrected; the id places it in the training or held-out split. */
export interface LabelledComplaint extends LabelledText {
  id: string;
}

export interface TrainingOptions {
  /** Labelled complaints a label needs (both splits together) before the model learns it. */
  minPerLabel: number;
  /** The tenant's auto-apply threshold, for the coverage figure. */
  threshold: number;
  /** Share of complaints held out for the figures, 0..1; a complaint's id decides its side. */
  heldOutShare?: number;
  /** Labels the tenant uses: one with no labelled complaint at all is reported as insufficient too. */
  labels?: readonly string[];
}

export interface LabelQuality {
  label: string;
  /** Labelled complaints of this label in both splits. */
  examples: number;
  status: 'trained' | 'insufficient';
  /** Held-out complaints of this label. */
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ConfusedPair {
  actual: string;
  predicted: string;
  count: number;
}

export interface HeldOutReport {
  /** Held-out complaints of trained labels (those of insufficient labels cannot be right and are not counted). */
  examples: number;
  accuracy: number;
  /** Unweighted mean of the trained labels' F1, so a rare category counts as much as a common one. */
  macroF1: number;
  /** Held-out complaints the model declined (no known term): counted as wrong, never covered. */
  declined: number;
  coverage: { threshold: number; share: number; accuracy: number };
  labels: LabelQuality[];
  confusedPairs: ConfusedPair[];
}

export interface TrainingResult {
  /** Trained on the training split's complaints of sufficient labels; null when no label has enough. */
  model: NaiveBayesModel | null;
  report: HeldOutReport;
  /** Labels below the minimum; while there are any the tenant stays on rules and suggestions. */
  insufficientLabels: string[];
  stayOnSuggestions: boolean;
}

const DEFAULT_HELD_OUT_SHARE = 0.2;
const CONFUSED_PAIRS = 5;

/** FNV-1a: a complaint stays on the same side of the split in every retraining, whatever else changed. */
function splitPoint(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 0x1_0000_0000;
}

export function isHeldOut(id: string, heldOutShare = DEFAULT_HELD_OUT_SHARE): boolean {
  return splitPoint(id) < heldOutShare;
}

/**
 * Trains a tenant's classifier and measures it on complaints it did not see. Labels with fewer labelled
 * complaints than the minimum are left out of the model (it would mostly guess them) and reported as
 * insufficient, which keeps the tenant on suggestions.
 */
export function trainAndEvaluate(examples: readonly LabelledComplaint[], options: TrainingOptions): TrainingResult {
  const share = options.heldOutShare ?? DEFAULT_HELD_OUT_SHARE;
  const counts = new Map<string, number>((options.labels ?? []).map((label) => [label, 0]));
  for (const { label } of examples) counts.set(label, (counts.get(label) ?? 0) + 1);
  const trained = new Set([...counts].filter(([, count]) => count >= options.minPerLabel).map(([label]) => label));
  const insufficientLabels = [...counts.keys()].filter((label) => !trained.has(label)).sort();

  const usable = examples.filter((example) => trained.has(example.label));
  const heldOut = usable.filter((example) => isHeldOut(example.id, share));
  const training = usable.filter((example) => !isHeldOut(example.id, share));
  const model = training.length ? trainNaiveBayes(training) : null;
  const report = evaluate(model, heldOut, counts, trained, options.threshold);
  return { model, report, insufficientLabels, stayOnSuggestions: model === null || insufficientLabels.length > 0 };
}

interface Outcome {
  actual: string;
  predicted: string | null;
  confidence: number;
}

function evaluate(
  model: NaiveBayesModel | null,
  heldOut: readonly LabelledComplaint[],
  counts: Map<string, number>,
  trained: Set<string>,
  threshold: number,
): HeldOutReport {
  const outcomes: Outcome[] = heldOut.map(({ text, label }) => {
    const best = model ? classifyText(model, text)?.ranked[0] : undefined;
    return { actual: label, predicted: best?.label ?? null, confidence: best?.confidence ?? 0 };
  });
  const correct = outcomes.filter((o) => o.predicted === o.actual).length;
  const covered = outcomes.filter((o) => o.predicted !== null && o.confidence >= threshold);
  const labels = [...counts].map(([label, examples]) => labelQuality(label, examples, trained.has(label), outcomes));
  const trainedLabels = labels.filter((quality) => quality.status === 'trained');
  return {
    examples: outcomes.length,
    accuracy: ratio(correct, outcomes.length),
    macroF1: ratio(
      trainedLabels.reduce((sum, quality) => sum + quality.f1, 0),
      trainedLabels.length,
    ),
    declined: outcomes.filter((o) => o.predicted === null).length,
    coverage: {
      threshold,
      share: ratio(covered.length, outcomes.length),
      accuracy: ratio(covered.filter((o) => o.predicted === o.actual).length, covered.length),
    },
    labels: labels.sort((a, b) => a.label.localeCompare(b.label)),
    confusedPairs: confusedPairs(outcomes),
  };
}

function labelQuality(label: string, examples: number, isTrained: boolean, outcomes: readonly Outcome[]): LabelQuality {
  const support = outcomes.filter((o) => o.actual === label).length;
  const predicted = outcomes.filter((o) => o.predicted === label).length;
  const hits = outcomes.filter((o) => o.actual === label && o.predicted === label).length;
  const precision = ratio(hits, predicted);
  const recall = ratio(hits, support);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { label, examples, status: isTrained ? 'trained' : 'insufficient', support, precision, recall, f1 };
}

function confusedPairs(outcomes: readonly Outcome[]): ConfusedPair[] {
  const pairs = new Map<string, ConfusedPair>();
  for (const { actual, predicted } of outcomes) {
    if (predicted === null || predicted === actual) continue;
    const key = JSON.stringify([actual, predicted]);
    const pair = pairs.get(key) ?? { actual, predicted, count: 0 };
    pair.count += 1;
    pairs.set(key, pair);
  }
  return [...pairs.values()]
    .sort((a, b) => b.count - a.count || a.actual.localeCompare(b.actual) || a.predicted.localeCompare(b.predicted))
    .slice(0, CONFUSED_PAIRS);
}

/** 0 when there is nothing to divide (no predictions of a label has precision 0, as scikit-learn reports it). */
function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
