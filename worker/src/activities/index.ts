export { createActivities, type LifecycleActivities } from './lifecycle.activities';
