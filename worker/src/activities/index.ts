export { createActivities, type LifecycleActivities } from './lifecycle.activities';
export { createTriageActivities, type TriageActivities } from './triage.activities';
