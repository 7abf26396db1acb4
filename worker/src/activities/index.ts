export { createActivities, type LifecycleActivities, type LifecycleActivityDeps } from './lifecycle.activities';
