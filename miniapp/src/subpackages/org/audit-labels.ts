import type { AuditAction, AuditActorKind, AuditResult } from '@pioneer/shared';

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'member.create': '登记党员',
  'member.reveal': '查看完整信息',
  'member.update': '修改党员信息',
  'flow.transition': '流动审批',
  'ledger.export': '导出台账',
  'ledger.import': '导入名册',
  'agreement.create': '签订共管协议',
  'agreement.end': '终止共管协议',
  'agreement.responsibilities_set': '设置协议责任清单',
  'code_key.rotate': '更换先锋码密钥',
  'code_key.revoke': '停用先锋码密钥',
  'activity.create': '发起活动',
  'activity.cancel': '取消活动',
  'study.publish': '发布学习礼包',
  'study.withdraw': '撤回学习礼包',
  'study.red_parcels_export': '导出红色邮包名单',
  'study.plan_set': '设置年度学习计划',
  'study.pairings_set': '设置结对联系',
  'report.read': '阅读党员汇报',
  'greeting.send': '发送节日问候',
  'pairing.paired': '安排结对联系',
  'pairing.ended': '解除结对联系',
  'pairing.updated': '修改结对联系',
  'pairing.rules_set': '设置结对联系规则',
  'pairing.lost_confirmed': '确认党员失联',
  'pairing.lost_dismissed': '排除失联提醒',
};

export const AUDIT_RESULT_LABELS: Record<AuditResult, string> = {
  ok: '成功',
  denied: '被拒绝',
  failed: '失败',
};

export const AUDIT_ACTOR_LABELS: Record<AuditActorKind, string> = {
  member: '党员',
  staff: '工作人员',
  system: '系统',
  anonymous: '未登录',
};

const TARGET_LABELS: Record<string, string> = {
  member: '党员',
  flow: '流动记录',
  code_key: '先锋码密钥',
  activity: '活动',
  org: '组织',
  account: '账号',
};

/** 党员 3f2a…: enough of the id to tell records apart without a long string. */
export function targetLabel(targetType: string | null, targetId: string | null): string | null {
  if (!targetType) return null;
  const kind = TARGET_LABELS[targetType] ?? targetType;
  return targetId ? `${kind} ${targetId.slice(0, 8)}` : kind;
}
