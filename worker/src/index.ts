/** What runs in a worker process, for an in-process start (tests): the lifecycle worker and the delivery relays. */
export { createLifecycleWorker, type LifecycleWorkerOptions } from './lifecycle-worker';
export { startDelivery } from './delivery/delivery-wiring';
