// Scheduled project runs: a pg-boss schedule ticks every minute (one job per tick across every
// worker process, kept in PostgreSQL), and its job starts the projects that are due. What is due
// lives in the projects table (`next_run_at`), moved forward in the transaction that starts the
// run: a tick runs once however many workers there are, restarts lose nothing, and a project
// that missed ticks while nothing ran runs once. See docs/adr/0010-project-scheduling.md.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppLogger } from '../common/logger.js';
import type { ProjectService } from '../modules/projects/project.service.js';
import { reportingFailures } from './job-failures.js';
import { tracedJob } from './job-span.js';
import type { JobQueue } from './queue.js';

export const PROJECT_SCHEDULER_QUEUE = 'project-scheduler';
const EVERY_MINUTE = '* * * * *';

export async function startProjectScheduler(
  queue: JobQueue,
  orm: MikroORM,
  projects: ProjectService,
  log: AppLogger,
): Promise<{ stop(): Promise<void> }> {
  const { boss } = queue;
  await boss.createQueue(PROJECT_SCHEDULER_QUEUE);
  await boss.schedule(PROJECT_SCHEDULER_QUEUE, EVERY_MINUTE, null, { tz: 'UTC' });
  await boss.work(
    PROJECT_SCHEDULER_QUEUE,
    tracedJob(
      PROJECT_SCHEDULER_QUEUE,
      reportingFailures(PROJECT_SCHEDULER_QUEUE, log, async () => {
        // Several batches when many projects are due at once; each batch is its own transaction.
        let started = 0;
        for (
          let batch = await projects.runDue(orm.em.fork());
          batch > 0;
          batch = await projects.runDue(orm.em.fork())
        )
          started += batch;
        if (started) log.info({ started }, 'scheduled project runs started');
      }),
    ),
  );
  return { stop: () => boss.offWork(PROJECT_SCHEDULER_QUEUE, { wait: false }) };
}
