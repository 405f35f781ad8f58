import { Text, View } from '@tarojs/components';
import { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import type { BoardCardView, NeedView, SkillView } from '@pioneer/shared';
import { useEffect, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ListFooter } from '../../../../components/list-footer';
import { Segmented } from '../../../../components/segmented';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, storage } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { listBoardCards, listBoardNeeds, listSkills } from '../../../../services/volunteer';
import { AreaPicker, type AreaChoice } from '../../components/area-picker';
import { BoardCard } from '../../components/board-card';
import { NeedSummary } from '../../components/need-summary';
import '../../volunteer.css';

/** The board last looked at, so the next visit opens it. */
export const BOARD_AREA_KEY = 'volunteer.board-area';

type Tab = 'cards' | 'needs';
const TABS = [
  { value: 'cards', label: '志愿者', id: 'board-tab-cards' },
  { value: 'needs', label: '服务需求', id: 'board-tab-needs' },
] as const;

function useBoardList<T>(
  fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string }>,
  key: string,
) {
  const list = usePagedList<T>(fetch, key);
  usePullDownRefresh(list.reload);
  useReachBottom(list.loadMore);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);
  return list;
}

function CardsList({ areaId, skill }: { areaId: string; skill: string | undefined }) {
  const list = useBoardList<BoardCardView>(
    (cursor) => listBoardCards(areaId, skill, cursor),
    `${areaId}|${skill ?? ''}`,
  );
  if (list.status === 'loading') return <LoadingView id="board-loading" />;
  if (list.status === 'failed')
    return <ErrorView id="board-error" message={list.message ?? ''} onRetry={list.reload} />;
  return (
    <View id="board-cards">
      {list.items.length === 0 ? (
        <EmptyState
          id="board-empty"
          title={skill ? '这项技能暂时没有志愿者' : '这里还没有志愿者的技能卡'}
          description="可以换一个技能看看，或者看看附近街道的志愿板。"
        />
      ) : null}
      {list.items.map((card) => (
        <BoardCard
          key={card.id}
          id={`board-card-${card.id}`}
          card={card}
          onClick={() => navigate.to(Routes.volunteerCard, { id: card.id })}
        />
      ))}
      <ListFooter
        id="board"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </View>
  );
}

function NeedsList({ areaId, skill }: { areaId: string; skill: string | undefined }) {
  const list = useBoardList<NeedView>((cursor) => listBoardNeeds(areaId, skill, cursor), `${areaId}|${skill ?? ''}`);
  if (list.status === 'loading') return <LoadingView id="board-loading" />;
  if (list.status === 'failed')
    return <ErrorView id="board-error" message={list.message ?? ''} onRetry={list.reload} />;
  return (
    <View id="board-needs">
      {list.items.length === 0 ? (
        <EmptyState id="board-empty" title="这里暂时没有服务需求" description="社区需要人手时会在这里发布。" />
      ) : null}
      {list.items.map((need) => (
        <NeedSummary
          key={need.id}
          id={`board-need-${need.id}`}
          need={need}
          onClick={() => navigate.to(Routes.volunteerNeed, { id: need.id })}
        />
      ))}
      <ListFooter
        id="board"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </View>
  );
}

function SkillFilter({
  skills,
  value,
  onChange,
}: {
  skills: SkillView[];
  value: string | undefined;
  onChange: (code: string | undefined) => void;
}) {
  const chip = (id: string, label: string, selected: boolean, code: string | undefined) => (
    <View key={id} id={id} className={`chip${selected ? ' chip--selected' : ''}`} onClick={() => onChange(code)}>
      <Text>{label}</Text>
    </View>
  );
  return (
    <View className="chips" id="board-skills">
      {chip('board-skill-all', '全部', value === undefined, undefined)}
      {skills.map((s) => chip(`board-skill-${s.code}`, s.label, value === s.code, s.code))}
    </View>
  );
}

/**
 * 社区志愿板: the cards and needs of one community (or a whole street), filtered by skill. Open to
 * everyone signed in; a card shows the masked name only, and help is asked for through the platform.
 */
export default function BoardPage() {
  const session = useRequiredSession();
  const { areaId: areaParam } = useRouter().params;
  const [area, setArea] = useState<AreaChoice | null>(() =>
    areaParam ? { id: areaParam, name: '' } : storage.get<AreaChoice>(BOARD_AREA_KEY),
  );
  const [picking, setPicking] = useState(false);
  const [tab, setTab] = useState<Tab>('cards');
  const [skill, setSkill] = useState<string | undefined>(undefined);
  const skills = useLoader(listSkills);

  if (!session) return <LoadingView />;
  if (!area || picking) {
    return (
      <View className="page">
        {!area ? (
          <View className="card">
            <Text className="title">先选您所在的社区</Text>
            <Text className="hint">志愿板按社区显示，选一次之后会记住。</Text>
          </View>
        ) : null}
        <AreaPicker
          id="board-area-picker"
          onChoose={(chosen) => {
            const choice = { id: chosen.id, name: chosen.name };
            storage.set(BOARD_AREA_KEY, choice);
            setArea(choice);
            setPicking(false);
          }}
          onCancel={area ? () => setPicking(false) : undefined}
        />
      </View>
    );
  }
  return (
    <View className="page">
      <View className="card">
        <Text className="title" id="board-area-name">
          {area.name ? `${area.name}志愿板` : '社区志愿板'}
        </Text>
        <Text className="hint">志愿者都是在这里服务的党员。请通过平台发请求，不必也看不到对方手机号。</Text>
        <BigButton id="board-area-change" kind="plain" onClick={() => setPicking(true)}>
          换一个社区
        </BigButton>
      </View>
      <Segmented id="board-tabs" options={TABS} value={tab} onChange={setTab} />
      {skills.state.status === 'ready' ? (
        <SkillFilter skills={skills.state.data.filter((s) => !s.disabled)} value={skill} onChange={setSkill} />
      ) : null}
      {skills.state.status === 'failed' ? (
        <ErrorView id="board-skills-error" message={skills.state.message} onRetry={skills.reload} />
      ) : null}
      {tab === 'cards' ? <CardsList areaId={area.id} skill={skill} /> : <NeedsList areaId={area.id} skill={skill} />}
    </View>
  );
}
