/** The triage module's pure parts, for the benchmark (`@complaints/api/triage`); the main entry stays free of jieba. */
export { textFeatures } from './tokenize';
export { trainNaiveBayes, classifyText, type NaiveBayesModel } from './naive-bayes';
export { trainAndEvaluate, isHeldOut, type LabelledComplaint, type TrainingResult } from './model-training';
export { matchRiskRules } from './risk-rules';
