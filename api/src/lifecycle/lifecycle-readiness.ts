import type { Client } from '@temporalio/client';
import type { AppConfig } from '../platform/config';
import type { ReadinessCheck } from '../platform/observability/readiness';

/** temporal.api.enums.v1.TaskQueueType: the workflow side of a task queue. */
const TASK_QUEUE_TYPE_WORKFLOW = 1;

/**
 * Reported, not required: the API takes complaints while Temporal is down (their starts wait in the
 * outbox), so an outage must not take it out of its load balancer.
 */
export function temporalCheck(client: Client): ReadinessCheck {
  return { name: 'temporal', required: false, run: async () => void (await client.workflowService.getSystemInfo({})) };
}

/** Temporal forgets a poller some minutes after its last poll; a live worker polls at least once a minute. */
const WORKER_SILENCE_MS = 90_000;

/**
 * Reported, not required, like Temporal: some worker polled the task queue recently. Without one, lifecycle
 * actions answer SERVICE_UNAVAILABLE after their timeout while intake goes on.
 */
export function workerCheck(client: Client, temporal: AppConfig['temporal']): ReadinessCheck {
  return {
    name: 'worker',
    required: false,
    run: async () => {
      const { pollers } = await client.workflowService.describeTaskQueue({
        namespace: temporal.namespace,
        taskQueue: { name: temporal.taskQueue },
        taskQueueType: TASK_QUEUE_TYPE_WORKFLOW,
      });
      const lastPoll = Math.max(0, ...(pollers ?? []).map((p) => Number(p.lastAccessTime?.seconds ?? 0) * 1000));
      if (Date.now() - lastPoll > WORKER_SILENCE_MS)
        throw new Error(`no worker polled task queue ${temporal.taskQueue} in the last ${WORKER_SILENCE_MS / 1000} s`);
    },
  };
}
