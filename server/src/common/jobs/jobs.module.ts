import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue.js';

/** The persistent job queue, one per process, available to every module. */
@Global()
@Module({
  providers: [JobQueue],
  exports: [JobQueue],
})
export class JobsModule {}
