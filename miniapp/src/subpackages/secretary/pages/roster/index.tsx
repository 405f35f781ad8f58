import { Input, Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { MEMBERSHIP_STATUS_LABELS, type MemberListItem } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ListFooter } from '../../../../components/list-footer';
import { Segmented } from '../../../../components/segmented';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { listMembers } from '../../../../services/members';
import { flowStatusLabel } from '../../flow-status';
import '../../secretary.css';

type Side = 'sending' | 'receiving';

const ROSTER_PAGE_SIZE = 20;

const SIDES = [
  { value: 'sending', label: '本支部党员', id: 'roster-side-sending' },
  { value: 'receiving', label: '流入党员', id: 'roster-side-receiving' },
] as const;

function RosterItem({ member }: { member: MemberListItem }) {
  const flow = flowStatusLabel(member.flowStatus);
  return (
    <View
      className="card list-item"
      id={`roster-item-${member.id}`}
      onClick={() => navigate.to(Routes.secretaryPerson, { id: member.id })}
    >
      <View className="list-item__head">
        <Text className="list-item__name">{member.name}</Text>
        <Text className="hint">{MEMBERSHIP_STATUS_LABELS[member.membershipStatus]}</Text>
      </View>
      <Text className="list-item__meta">{`${member.branchName} · ${member.phoneMasked ?? '未登记手机号'}`}</Text>
      {flow ? <Text className="status-badge section">{flow}</Text> : null}
    </View>
  );
}

function emptyText(side: Side, q: string): { title: string; description: string } {
  if (q) {
    return {
      title: `没有找到“${q}”`,
      description: '请输入完整的姓名、11 位手机号或 18 位身份证号，不支持只输入一部分。',
    };
  }
  return side === 'sending'
    ? { title: '名册中还没有党员', description: '组织部门导入名册后，本支部党员会显示在这里。' }
    : { title: '目前没有流入党员', description: '党员到本支部报到并经确认后会显示在这里。' };
}

/** 党员名册: members of the caller's branches, or members who flowed in, searchable by exact values. */
export default function RosterPage() {
  const session = useRequiredSession();
  const [side, setSide] = useState<Side>('sending');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');

  const list = usePagedList(
    (cursor) => listMembers({ side, q: q || undefined, cursor, limit: ROSTER_PAGE_SIZE }),
    `${side}|${q}`,
  );

  useReachBottom(list.loadMore);

  const search = () => setQ(typed.trim());
  const clear = () => {
    setTyped('');
    setQ('');
  };

  if (!session) return <LoadingView />;
  const empty = emptyText(side, q);

  return (
    <View className="page">
      <View className="card">
        <Input
          id="roster-search"
          className="field__input"
          placeholder="输入完整姓名、手机号或身份证号"
          confirmType="search"
          maxlength={50}
          value={typed}
          onInput={(event) => setTyped(event.detail.value)}
          onConfirm={search}
        />
        <BigButton id="roster-search-submit" onClick={search}>
          查找
        </BigButton>
        <Text className="hint section">按完整姓名、完整手机号或完整身份证号查找，不支持只输入一部分。</Text>
        {q ? (
          <BigButton id="roster-search-clear" kind="plain" onClick={clear}>
            {`清除查找“${q}”，显示全部`}
          </BigButton>
        ) : null}
      </View>

      <Segmented id="roster-side" options={SIDES} value={side} onChange={setSide} />

      {list.status === 'loading' ? <LoadingView id="roster-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="roster-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState id="roster-empty" title={empty.title} description={empty.description} />
      ) : null}
      {list.status === 'ready' ? (
        <View id="roster-list">
          {list.items.map((member) => (
            <RosterItem key={member.id} member={member} />
          ))}
          <ListFooter
            id="roster"
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
