import { Text, View } from '@tarojs/components';
import { Role } from '@pioneer/shared';
import { LoadingView } from '../../../../components/state-views';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes, type Route } from '../../../../routes';
import { hasAnyRole } from '../../../../stores/session';
import { LinkCard } from '../../../../components/link-card';
import '../../volunteer.css';

interface Entry {
  id: string;
  title: string;
  description: string;
  route: Route;
}

const MEMBER: readonly Entry[] = [
  {
    id: 'hub-cards',
    title: '我的技能卡',
    description: '写下您的一技之长，社区居民能找到您',
    route: Routes.volunteerCards,
  },
  {
    id: 'hub-requests',
    title: '收到的请求',
    description: '居民和社区请您帮忙，接受或婉拒',
    route: Routes.volunteerRequests,
  },
  {
    id: 'hub-services',
    title: '我的志愿服务',
    description: '服务时出示先锋码签到、签退',
    route: Routes.volunteerServices,
  },
  {
    id: 'hub-return',
    title: '雁归：愿意回乡服务',
    description: '告诉家乡党组织您愿意回来出把力',
    route: Routes.volunteerReturn,
  },
];

const EVERYONE: readonly Entry[] = [
  { id: 'hub-board', title: '社区志愿板', description: '看看身边的党员志愿者和服务需求', route: Routes.volunteerBoard },
  { id: 'hub-sent', title: '我发出的请求', description: '请志愿者帮忙的进度', route: Routes.volunteerSent },
  {
    id: 'hub-received',
    title: '为我服务的记录',
    description: '扫志愿者的先锋码签到、签退，确认并评价',
    route: Routes.volunteerReceived,
  },
];

const STAFF: readonly Entry[] = [
  {
    id: 'hub-need-new',
    title: '发布服务需求',
    description: '社区需要人手时发布，系统推荐合适的志愿者',
    route: Routes.volunteerNeedNew,
  },
  {
    id: 'hub-needs',
    title: '本组织的服务需求',
    description: '报名情况、推荐的志愿者和服务记录',
    route: Routes.volunteerNeeds,
  },
];

const RESERVE: Entry = {
  id: 'hub-reserve',
  title: '雁归人才库',
  description: '愿意回乡服务的在外党员，以及他们的技能和服务记录',
  route: Routes.volunteerReserve,
};

/** 志愿服务: one place for what a member gives, what a resident asks for and what staff organise. */
export default function VolunteerHubPage() {
  const session = useRequiredSession();
  if (!session) return <LoadingView />;
  const { account } = session;
  const member = account.memberId !== null;
  const staff = hasAnyRole(account, [Role.COMMUNITY_STAFF, Role.BRANCH_SECRETARY, Role.ORG_ADMIN]);
  const sections: { id: string; title: string; entries: readonly Entry[] }[] = [];
  if (member) sections.push({ id: 'hub-member', title: '我是志愿者', entries: MEMBER });
  sections.push({ id: 'hub-everyone', title: '找志愿者帮忙', entries: EVERYONE });
  if (staff) {
    const entries = hasAnyRole(account, [Role.ORG_ADMIN]) ? [...STAFF, RESERVE] : STAFF;
    sections.push({ id: 'hub-staff', title: '组织志愿服务', entries });
  }
  return (
    <View className="page">
      {sections.map((section) => (
        <View key={section.id} id={section.id} className="section">
          <Text className="title">{section.title}</Text>
          {section.entries.map((entry) => (
            <LinkCard
              key={entry.id}
              id={entry.id}
              title={entry.title}
              description={entry.description}
              onClick={() => navigate.to(entry.route)}
            />
          ))}
        </View>
      ))}
    </View>
  );
}
