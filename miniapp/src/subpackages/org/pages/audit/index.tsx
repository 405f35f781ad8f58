import { Text, View } from '@tarojs/components';
import { useReachBottom, useRouter } from '@tarojs/taro';
import { AUDIT_ACTIONS, type AuditAction, type AuditEventView } from '@pioneer/shared';
import { useState } from 'react';
import { formatDateTime } from '../../../../components/format';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { listAuditEvents } from '../../../../services/audit';
import { AUDIT_ACTION_LABELS, AUDIT_ACTOR_LABELS, AUDIT_RESULT_LABELS, targetLabel } from '../../audit-labels';
import '../../org.css';

const PAGE_SIZE = 30;

function AuditItem({ event }: { event: AuditEventView }) {
  const target = targetLabel(event.targetType, event.targetId);
  return (
    <View className="card" id={`audit-item-${event.id}`}>
      <View className="audit-item__head">
        <Text className="subtitle">{AUDIT_ACTION_LABELS[event.action] ?? event.action}</Text>
        <Text className={`result--${event.result}`}>{AUDIT_RESULT_LABELS[event.result] ?? event.result}</Text>
      </View>
      <Text className="hint">{formatDateTime(event.at)}</Text>
      <Text className="hint">
        {[AUDIT_ACTOR_LABELS[event.actorKind] ?? event.actorKind, target, event.clientIp].filter(Boolean).join(' · ')}
      </Text>
    </View>
  );
}

/** 操作记录: who read full personal data, acted on flows, imported or exported; newest first (?orgId=). */
export default function AuditPage() {
  const session = useRequiredSession();
  const orgId = useRouter().params.orgId;
  const [action, setAction] = useState<AuditAction | null>(null);

  const list = usePagedList(
    (cursor) => listAuditEvents({ orgId, action: action ?? undefined, cursor, limit: PAGE_SIZE }),
    `${orgId ?? ''}|${action ?? ''}`,
  );

  useReachBottom(list.loadMore);

  if (!session) return <LoadingView />;

  return (
    <View className="page">
      <View className="chips" id="audit-filters">
        {[null, ...AUDIT_ACTIONS].map((value) => (
          <View
            key={value ?? 'all'}
            id={`audit-filter-${value ? value.replace('.', '-') : 'all'}`}
            className={`chip${value === action ? ' chip--selected' : ''}`}
            onClick={() => setAction(value)}
          >
            <Text>{value ? AUDIT_ACTION_LABELS[value] : '全部'}</Text>
          </View>
        ))}
      </View>
      {list.status === 'loading' ? <LoadingView id="audit-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="audit-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState
          id="audit-empty"
          title="没有操作记录"
          description={action ? '这一类还没有记录，换一个类别看看。' : '查看完整信息、审批、导入导出时会记录在这里。'}
        />
      ) : null}
      {list.status === 'ready' ? (
        <View id="audit-list">
          {list.items.map((event) => (
            <AuditItem key={event.id} event={event} />
          ))}
          <ListFooter
            id="audit"
            count={list.items.length}
            hasMore={list.hasMore}
            loadingMore={list.loadingMore}
            moreError={list.moreError}
            onMore={list.loadMore}
          />
        </View>
      ) : null}
    </View>
  );
}
