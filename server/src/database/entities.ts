import { Account } from '../accounts/account.entity.js';
import { Agreement } from '../agreements/agreement.entity.js';
import { RoleGrant } from '../accounts/role-grant.entity.js';
import { StaffCredential } from '../accounts/staff-credential.entity.js';
import { WechatIdentity } from '../accounts/wechat-identity.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Session } from '../auth/session.entity.js';
import { Activity } from '../checkins/activity.entity.js';
import { BranchWxacode } from '../checkins/branch-wxacode.entity.js';
import { Checkin } from '../checkins/checkin.entity.js';
import { ClientRequest } from '../checkins/client-request.entity.js';
import { CodeKey } from '../checkins/code-key.entity.js';
import { IdempotencyKey } from '../common/idempotency/idempotency-key.entity.js';
import { FlowTransition } from '../flows/flow-transition.entity.js';
import { Flow } from '../flows/flow.entity.js';
import { MemberFactCheck } from '../ledgers/member-fact-check.entity.js';
import { Member } from '../members/member.entity.js';
import { InboxItem } from '../notifications/inbox-item.entity.js';
import { WechatOutboxMessage } from '../notifications/wechat-outbox-message.entity.js';
import { WechatSendLogEntry } from '../notifications/wechat-send-log.entity.js';
import { WechatSubscription } from '../notifications/wechat-subscription.entity.js';
import { Org } from '../orgs/org.entity.js';
import { Benefit, Redemption } from '../points/benefit.entity.js';
import { PointsBalance, PointsBranchSetting, PointsEntry, PointsSweep } from '../points/points-entry.entity.js';
import { FlowResponsibility } from '../responsibilities/flow-responsibility.entity.js';
import { ResponsibilityTemplate } from '../responsibilities/responsibility-template.entity.js';
import { LostContactProposal } from '../pairing/lost-contact-proposal.entity.js';
import { PairingContact } from '../pairing/pairing-contact.entity.js';
import { Pairing } from '../pairing/pairing.entity.js';
import { PairingRule } from '../pairing/pairing-rule.entity.js';
import { StudyDelivery } from '../study/study-delivery.entity.js';
import { StudyElective } from '../study/study-elective.entity.js';
import { StudyFanoutBatch } from '../study/study-fanout-batch.entity.js';
import { StudyItem } from '../study/study-item.entity.js';
import { StudyPack } from '../study/study-pack.entity.js';
import { StudyPlan } from '../study/study-plan.entity.js';
import { StudyProgress } from '../study/study-progress.entity.js';
import { StudyReading } from '../study/study-reading.entity.js';
import { StudyReminder } from '../study/study-reminder.entity.js';
import { MemberReport } from '../member-reports/reports/member-report.entity.js';
import { Suggestion } from '../member-reports/suggestions/suggestion.entity.js';
import { SuggestionImage } from '../member-reports/suggestions/suggestion-image.entity.js';
import { Greeting } from '../member-reports/greetings/greeting.entity.js';
import { EvaluationEntry } from '../evaluation/evaluation-entry.entity.js';
import { EvaluationRound } from '../evaluation/evaluation-round.entity.js';
import { FeedbackSetting } from '../feedback/feedback-setting.entity.js';
import { MemberFeedback } from '../feedback/member-feedback.entity.js';
import { VolunteerSkill } from '../volunteer/volunteer-skill.entity.js';
import { VolunteerCard } from '../volunteer/volunteer-card.entity.js';
import { VolunteerCardPhoto } from '../volunteer/volunteer-card-photo.entity.js';
import { VolunteerRequest } from '../volunteer/volunteer-request.entity.js';
import { VolunteerNeed } from '../volunteer/volunteer-need.entity.js';
import { VolunteerService } from '../volunteer/volunteer-service.entity.js';
import { ReturnPledge } from '../volunteer/return-pledge.entity.js';

/** Every entity, listed as classes so jest (src) and the CLI (dist) both find them. */
export const ENTITIES = [
  Account,
  RoleGrant,
  WechatIdentity,
  StaffCredential,
  Session,
  IdempotencyKey,
  Org,
  Member,
  Flow,
  FlowTransition,
  AuditEvent,
  MemberFactCheck,
  Agreement,
  ResponsibilityTemplate,
  FlowResponsibility,
  CodeKey,
  Activity,
  Checkin,
  ClientRequest,
  BranchWxacode,
  InboxItem,
  WechatSubscription,
  WechatOutboxMessage,
  WechatSendLogEntry,
  StudyPack,
  StudyItem,
  StudyFanoutBatch,
  StudyDelivery,
  StudyReading,
  StudyProgress,
  StudyPlan,
  StudyElective,
  StudyReminder,
  Pairing,
  PairingContact,
  PairingRule,
  LostContactProposal,
  PointsEntry,
  PointsBalance,
  PointsBranchSetting,
  PointsSweep,
  Benefit,
  Redemption,
  FeedbackSetting,
  MemberFeedback,
  EvaluationRound,
  EvaluationEntry,
  MemberReport,
  Suggestion,
  SuggestionImage,
  Greeting,
  VolunteerSkill,
  VolunteerCard,
  VolunteerCardPhoto,
  VolunteerRequest,
  VolunteerNeed,
  VolunteerService,
  ReturnPledge,
];
