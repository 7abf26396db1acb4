/** The held-out report a trained model stores as its metrics (see the API's model-training). */
export interface TriageMetrics {
  accuracy: number;
  macroF1: number;
  examples: number;
  labelledComplaints: number;
  minPerLabel: number;
  insufficientLabels: string[];
  stayOnSuggestions: boolean;
  coverage: { threshold: number; share: number; accuracy: number };
  labels: { label: string; status: 'trained' | 'insufficient'; examples: number; support: number; precision: number; recall: number; f1: number }[];
  confusedPairs: { actual: string; predicted: string; count: number }[];
}

/** A model row's metrics as the page shows them; a report missing its figures reads as none rather than breaking the page. */
export function triageMetrics(raw: unknown): TriageMetrics | null {
  const m = raw as Partial<TriageMetrics> | null;
  return m && typeof m.macroF1 === 'number' && Array.isArray(m.labels) ? (m as TriageMetrics) : null;
}

export const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;
