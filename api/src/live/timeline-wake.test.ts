import type { EntityManager } from '@mikro-orm/postgresql';
import { wakeTimelineTails } from './timeline-tail';

/** A root EntityManager whose NOTIFYs complete only when the test says so. */
function fakeRoot() {
  const sent: { resolve: () => void }[] = [];
  const root = {
    getConnection: () => ({
      execute: () => new Promise<void>((resolve) => sent.push({ resolve })),
    }),
  } as unknown as EntityManager;
  return { root, sent };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('wakeTimelineTails', () => {
  it('folds wake-ups asked for during a NOTIFY into one more, sent after it', async () => {
    const { root, sent } = fakeRoot();
    const first = wakeTimelineTails(root);
    const later = Array.from({ length: 50 }, () => wakeTimelineTails(root));
    expect(sent).toHaveLength(1);

    let laterDone = false;
    void Promise.all(later).then(() => (laterDone = true));
    sent[0].resolve();
    await first;
    await settle();
    // The writers that asked during the first NOTIFY may have committed after it was sent: one more goes out.
    expect(sent).toHaveLength(2);
    expect(laterDone).toBe(false);

    sent[1].resolve();
    await Promise.all(later);
    expect(sent).toHaveLength(2);
  });

  it('sends again for a writer that asks after the last NOTIFY completed', async () => {
    const { root, sent } = fakeRoot();
    const first = wakeTimelineTails(root);
    sent[0].resolve();
    await first;
    const second = wakeTimelineTails(root);
    expect(sent).toHaveLength(2);
    sent[1].resolve();
    await second;
  });

  it('treats a failed NOTIFY as sent: the tail polls anyway', async () => {
    const root = { getConnection: () => ({ execute: () => Promise.reject(new Error('connection lost')) }) } as unknown as EntityManager;
    await expect(wakeTimelineTails(root)).resolves.toBeUndefined();
    await expect(wakeTimelineTails(root)).resolves.toBeUndefined();
  });
});
