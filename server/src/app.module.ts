import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { AccountsModule } from './accounts/accounts.module.js';
import { AgreementsModule } from './agreements/agreements.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthModule } from './auth/auth.module.js';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter.js';
import { IdempotencyKey } from './common/idempotency/idempotency-key.entity.js';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor.js';
import { IdempotencyPurgeJob } from './common/idempotency/idempotency-purge.job.js';
import { IdempotencyRepository } from './common/idempotency/idempotency.repository.js';
import { JobsModule } from './common/jobs/jobs.module.js';
import { RateLimitGuard } from './common/rate-limit/rate-limit.guard.js';
import { Clock } from './common/time/clock.js';
import { PiiCrypto } from './common/crypto/pii.service.js';
import { ScopeService } from './common/scope/scope.service.js';
import { AppConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { FlowsModule } from './flows/flows.module.js';
import { HealthModule } from './health/health.module.js';
import { LedgersModule } from './ledgers/ledgers.module.js';
import { MembersModule } from './members/members.module.js';
import { MetaModule } from './meta/meta.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { CheckinsModule } from './checkins/checkins.module.js';
import { OrgsModule } from './orgs/orgs.module.js';
import { PairingModule } from './pairing/pairing.module.js';
import { PointsModule } from './points/points.module.js';
import { ResponsibilitiesModule } from './responsibilities/responsibilities.module.js';
import { StudyModule } from './study/study.module.js';
import { MemberReportsModule } from './member-reports/member-reports.module.js';
import { WechatModule } from './wechat/wechat.module.js';
import { EvaluationModule } from './evaluation/evaluation.module.js';
import { FeedbackModule } from './feedback/feedback.module.js';
import { VolunteerModule } from './volunteer/volunteer.module.js';

export const LOGGER = Symbol('LOGGER');

/** Config, clock and logger, available to every module. */
@Global()
@Module({})
class CoreModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: LOGGER, useValue: logger },
        Clock,
        PiiCrypto,
        ScopeService,
      ],
      exports: [AppConfig, LOGGER, Clock, PiiCrypto, ScopeService],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    const staticSite = config.h5DistDir
      ? [
          ServeStaticModule.forRoot({
            rootPath: config.h5DistDir,
            exclude: ['/api/{*path}'],
            serveStaticOptions: { maxAge: '1h', index: 'index.html' },
          }),
        ]
      : [];
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, logger),
        TypeOrmModule.forRoot(dataSourceOptions(config.database.url, config.database.poolSize)),
        TypeOrmModule.forFeature([IdempotencyKey]),
        JobsModule,
        WechatModule,
        AccountsModule,
        AuthModule,
        AuditModule,
        HealthModule,
        MetaModule,
        OrgsModule,
        MembersModule,
        FlowsModule,
        LedgersModule,
        AgreementsModule,
        ResponsibilitiesModule,
        NotificationsModule,
        CheckinsModule,
        StudyModule,
        PairingModule,
        MemberReportsModule,
        PointsModule,
        FeedbackModule,
        EvaluationModule,
        VolunteerModule,
        ...staticSite,
      ],
      providers: [
        IdempotencyRepository,
        IdempotencyPurgeJob,
        // Order matters: rate limits before authentication, so floods never reach the database.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useFactory: () => new AllExceptionsFilter(logger) },
      ],
    };
  }
}
