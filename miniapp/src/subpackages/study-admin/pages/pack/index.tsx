import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import {
  STUDY_AUDIENCE_SCOPE_LABELS,
  STUDY_ITEM_KIND_LABELS,
  STUDY_PACK_STATUS_LABELS,
  type StudyItemView,
  type StudyPackView,
} from '@pioneer/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ConfirmSheet } from '../../../../components/confirm-sheet';
import { formatDateTime } from '../../../../components/format';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { formatMonth, requiredMinutes } from '../../../../components/study-progress';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, showToast } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import { deletePackItem, fetchPack, withdrawPack } from '../../../../services/study';
import { moveItem } from '../../item-order';
import { DeliveryCard } from './delivery-card';
import { PublishCard } from './publish-card';
import '../../study-admin.css';

function Header({ pack }: { pack: StudyPackView }) {
  const editable = pack.status === 'draft';
  return (
    <View className="card" id="admin-pack">
      <View className="list-item__head">
        <Text className="title" id="admin-pack-title">
          {pack.title}
        </Text>
        <Text className={`status-badge status-badge--${pack.status}`} id="admin-pack-status">
          {STUDY_PACK_STATUS_LABELS[pack.status]}
        </Text>
      </View>
      <Text className="list-item__meta">
        {pack.kind === 'monthly' ? `${formatMonth(pack.month) ?? ''}学习礼包` : '专题学习礼包'}
      </Text>
      {pack.summary ? <Text className="text section">{pack.summary}</Text> : null}
      <Text className="list-item__meta section">{`发布组织：${pack.ownerOrgName}`}</Text>
      <Text
        className="list-item__meta"
        id="admin-pack-audience"
      >{`发给：${STUDY_AUDIENCE_SCOPE_LABELS[pack.audience.scope]}`}</Text>
      {pack.publishedAt ? (
        <Text className="list-item__meta">{`发布于 ${formatDateTime(pack.publishedAt)}`}</Text>
      ) : null}
      {editable ? (
        <BigButton
          id="admin-pack-edit"
          kind="plain"
          onClick={() => navigate.to(Routes.studyAdminPackEdit, { id: pack.id })}
        >
          修改礼包信息
        </BigButton>
      ) : null}
    </View>
  );
}

function ItemRow({
  item,
  index,
  count,
  editable,
  busy,
  onMove,
  onDelete,
  onEdit,
}: {
  item: StudyItemView;
  index: number;
  count: number;
  editable: boolean;
  busy: boolean;
  onMove: (from: number, to: number) => void;
  onDelete: (item: StudyItemView) => void;
  onEdit: (item: StudyItemView) => void;
}) {
  const quiz = item.quiz?.length ?? 0;
  return (
    <View className="admin-item" id={`admin-item-${item.id}`}>
      <Text className="kind-tag">{STUDY_ITEM_KIND_LABELS[item.kind]}</Text>
      <Text className="admin-item__title">{`${index + 1}. ${item.title}`}</Text>
      <Text className="list-item__meta">
        {`至少学习 ${requiredMinutes(item.minSeconds)} 分钟${quiz > 0 ? ` · 测验 ${quiz} 题` : ''}`}
      </Text>
      <View className="row-actions">
        <BigButton id={`admin-item-${item.id}-edit`} kind="plain" disabled={busy} onClick={() => onEdit(item)}>
          {editable ? '修改' : '查看'}
        </BigButton>
        {editable && index > 0 ? (
          <BigButton
            id={`admin-item-${item.id}-up`}
            kind="plain"
            disabled={busy}
            onClick={() => onMove(index, index - 1)}
          >
            上移
          </BigButton>
        ) : null}
        {editable && index < count - 1 ? (
          <BigButton
            id={`admin-item-${item.id}-down`}
            kind="plain"
            disabled={busy}
            onClick={() => onMove(index, index + 1)}
          >
            下移
          </BigButton>
        ) : null}
        {editable ? (
          <BigButton id={`admin-item-${item.id}-delete`} kind="plain" disabled={busy} onClick={() => onDelete(item)}>
            删除
          </BigButton>
        ) : null}
      </View>
    </View>
  );
}

function Items({ pack, onChanged }: { pack: StudyPackView; onChanged: () => void }) {
  const editable = pack.status === 'draft';
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<StudyItemView | null>(null);
  const [sheetProblem, setSheetProblem] = useState<string | null>(null);

  const move = (from: number, to: number) => {
    setBusy(true);
    setProblem(null);
    moveItem(pack.id, pack.items, from, to)
      .catch((cause: unknown) => setProblem(`顺序没有调整好：${errorMessage(cause)}`))
      .finally(() => {
        setBusy(false);
        onChanged();
      });
  };

  const remove = () => {
    if (!deleting) return;
    setBusy(true);
    setSheetProblem(null);
    deletePackItem(pack.id, deleting.id)
      .then(() => {
        setDeleting(null);
        showToast('已删除', 'success');
        onChanged();
      })
      .catch((cause: unknown) => setSheetProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id="admin-items">
      <Text className="subtitle">{`学习内容（${pack.items.length} 项）`}</Text>
      {pack.items.length === 0 ? (
        <Text className="hint" id="admin-items-empty">
          还没有内容。可以添加图文、音频、视频或文件，每项可以带几道测验题。
        </Text>
      ) : null}
      {busy && !deleting ? <Text className="hint">正在调整顺序…</Text> : null}
      {pack.items.map((item, index) => (
        <ItemRow
          key={item.id}
          item={item}
          index={index}
          count={pack.items.length}
          editable={editable}
          busy={busy}
          onMove={move}
          onDelete={(chosen) => {
            setSheetProblem(null);
            setDeleting(chosen);
          }}
          onEdit={(chosen) => navigate.to(Routes.studyAdminItemEdit, { packId: pack.id, itemId: chosen.id })}
        />
      ))}
      {problem ? (
        <Text className="error-text" id="admin-items-problem">
          {problem}
        </Text>
      ) : null}
      {editable ? (
        <BigButton
          id="admin-items-add"
          kind="secondary"
          disabled={busy}
          onClick={() => navigate.to(Routes.studyAdminItemEdit, { packId: pack.id })}
        >
          添加学习内容
        </BigButton>
      ) : (
        <Text className="hint">已排期或已发布的学习礼包不能再修改内容。</Text>
      )}
      {deleting ? (
        <ConfirmSheet
          id="admin-item-delete-sheet"
          title="删除这项内容？"
          message={`《${deleting.title}》会从学习礼包中删去。`}
          confirmText="确认删除"
          busy={busy}
          problem={sheetProblem}
          onConfirm={remove}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </View>
  );
}

/** Stops a pack that is scheduled or out: asked on a sheet first, since members lose it from their lists. */
function WithdrawCard({ pack, onWithdrawn }: { pack: StudyPackView; onWithdrawn: (pack: StudyPackView) => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const scheduled = pack.status === 'scheduled';

  const confirm = () => {
    setBusy(true);
    setProblem(null);
    withdrawPack(pack.id)
      .then((withdrawn) => {
        setAsking(false);
        showToast('已撤回', 'success');
        onWithdrawn(withdrawn);
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id="withdraw">
      <BigButton
        id="withdraw-open"
        kind="plain"
        onClick={() => {
          setProblem(null);
          setAsking(true);
        }}
      >
        撤回这个学习礼包
      </BigButton>
      {asking ? (
        <ConfirmSheet
          id="withdraw-sheet"
          title="撤回这个学习礼包？"
          message={
            scheduled
              ? `《${pack.title}》将不再按时发布。`
              : `《${pack.title}》会从党员的学习礼包列表中消失，已学的时长仍然保留。`
          }
          confirmText="确认撤回"
          busy={busy}
          problem={problem}
          onConfirm={confirm}
          onCancel={() => setAsking(false)}
        />
      ) : null}
    </View>
  );
}

/** One pack for its authors (?id=): its items, publishing, and how delivery goes. */
export default function StudyAdminPackPage() {
  const session = useRequiredSession();
  const id = useRouter().params.id ?? '';
  const pack = useLoader(() => fetchPack(id), id, { auto: id !== '' });
  const shownOnce = useRef(false);
  const { setData } = pack;

  const refresh = useCallback(() => {
    fetchPack(id)
      .then(setData)
      .catch(() => undefined);
  }, [id, setData]);

  // Back from adding or changing an item.
  useDidShow(() => {
    if (shownOnce.current) refresh();
    shownOnce.current = true;
  });
  usePullDownRefresh(pack.reload);
  useEffect(() => {
    if (pack.state.status !== 'loading') stopPullDownRefresh();
  }, [pack.state.status]);

  if (!session) return <LoadingView />;
  if (!id) return <ErrorView id="admin-pack-error" message="没有找到这个学习礼包" />;
  const { state } = pack;
  if (state.status === 'loading') return <LoadingView id="admin-pack-loading" />;
  if (state.status === 'failed') {
    return (
      <View className="page">
        <ErrorView id="admin-pack-error" message={state.message} onRetry={pack.reload} />
      </View>
    );
  }
  const current = state.data;
  const publishable = current.status === 'draft' || current.status === 'scheduled';
  const delivered = current.status === 'publishing' || current.status === 'published';
  return (
    <View className="page">
      <Header pack={current} />
      <Items pack={current} onChanged={refresh} />
      {publishable ? (
        <PublishCard
          pack={current}
          onPublished={(published) => {
            showToast(published.status === 'scheduled' ? '已定时' : '已开始发布', 'success');
            setData({ ...current, ...published, items: published.items ?? current.items });
          }}
        />
      ) : null}
      {delivered ? <DeliveryCard pack={current} onSettled={refresh} /> : null}
      {current.status === 'scheduled' || delivered ? (
        <WithdrawCard pack={current} onWithdrawn={(withdrawn) => setData({ ...current, ...withdrawn })} />
      ) : null}
    </View>
  );
}
