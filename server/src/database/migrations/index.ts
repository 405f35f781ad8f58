import { Foundation1763740800000 } from './1763740800000-foundation.js';
import { OrganisationsRosterFlows1763827200000 } from './1763827200000-organisations-roster-flows.js';
import { AuditLog1763913600000 } from './1763913600000-audit-log.js';
import { FourFacts1763913700000 } from './1763913700000-four-facts.js';
import { AgreementsResponsibilities1764000000000 } from './1764000000000-agreements-responsibilities.js';
import { CheckinsInbox1764100000000 } from './1764100000000-checkins-inbox.js';
import { AgreementResponsibilities1764300000000 } from './1764300000000-agreement-responsibilities.js';
import { BranchWxacodes1764500000000 } from './1764500000000-branch-wxacodes.js';
import { WechatSubscriptions1764600000000 } from './1764600000000-wechat-subscriptions.js';
import { Study1764700000000 } from './1764700000000-study.js';
import { InboxOpenTodosIndex1764760000000 } from './1764760000000-inbox-open-todos-index.js';
import { Points1764800000000 } from './1764800000000-points.js';
import { Volunteer1764900000000 } from './1764900000000-volunteer.js';
import { OutflowReports1765000000000 } from './1765000000000-outflow-reports.js';
import { Pairing1765100000000 } from './1765100000000-pairing.js';
import { FeedbackEvaluation1765200000000 } from './1765200000000-feedback-evaluation.js';
import { MemberReports1765300000000 } from './1765300000000-member-reports.js';
import { ResponsibilityProgress1765400000000 } from './1765400000000-responsibility-progress.js';

/** Every migration, oldest first. Listed as classes so jest (src) and the CLI (dist) both find them. */
export const MIGRATIONS = [
  Foundation1763740800000,
  OrganisationsRosterFlows1763827200000,
  AuditLog1763913600000,
  FourFacts1763913700000,
  AgreementsResponsibilities1764000000000,
  CheckinsInbox1764100000000,
  AgreementResponsibilities1764300000000,
  BranchWxacodes1764500000000,
  WechatSubscriptions1764600000000,
  Study1764700000000,
  InboxOpenTodosIndex1764760000000,
  Points1764800000000,
  Volunteer1764900000000,
  OutflowReports1765000000000,
  Pairing1765100000000,
  FeedbackEvaluation1765200000000,
  MemberReports1765300000000,
  ResponsibilityProgress1765400000000,
];
