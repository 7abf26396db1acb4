/** The workflows this worker runs; the bundler starts here, so only deterministic code may be reachable. */
export { complaintLifecycle } from './complaint-lifecycle.workflow';
export { triageTraining } from './triage-training.workflow';
