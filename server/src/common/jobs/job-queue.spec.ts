import type { AppConfig } from '../../config/app-config.js';
import { JobQueue } from './job-queue.js';

describe(JobQueue.name, () => {
  // No database is reached: the refusal comes before pg-boss is started.
  const queue = () =>
    new JobQueue({ database: { url: 'postgres://nobody@127.0.0.1:1/none', poolSize: 2 } } as AppConfig);

  it.each([
    ['send', (q: JobQueue) => q.send('study.fanout', {})],
    ['sendMany', (q: JobQueue) => q.sendMany('study.fanout', [{ data: {} }])],
  ])('refuses %s to a queue nobody declared, instead of letting pg-boss drop the job', async (_label, sendTo) => {
    await expect(sendTo(queue())).rejects.toThrow('job queue "study.fanout" is not declared');
  });
});
