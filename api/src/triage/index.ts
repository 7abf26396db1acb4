/**
 * `@complaints/api/triage`: the classifier and its training, for the benchmark and for the worker's training
 * job (the lead's schedule). Kept out of the main entry so loading `@complaints/api` does not load jieba.
 */
export { textFeatures } from './tokenize';
export { trainNaiveBayes, classifyText, type NaiveBayesModel } from './naive-bayes';
export { trainAndEvaluate, isHeldOut, type LabelledComplaint, type TrainingResult } from './model-training';
export { matchRiskRules } from './risk-rules';
export { trainTenantModel, MIN_LABELLED_PER_CATEGORY, type TenantTraining, type TriageModelMetrics } from './tenant-model-training';
export { activeTriageModel, rollbackTriageModel, type PredictedField } from './triage-model.store';
