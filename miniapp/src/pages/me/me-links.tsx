import { Text, View } from '@tarojs/components';
import { navigate } from '../../platform';
import { Routes, type Route } from '../../routes';

interface Link {
  id: string;
  title: string;
  description: string;
  route: Route;
}

const MEMBER_LINKS: readonly Link[] = [
  {
    id: 'me-personal-code',
    title: '我的先锋码',
    description: '出示给党组织工作人员扫码，登记报到或签到',
    route: Routes.memberPersonalCode,
  },
  { id: 'me-checkins', title: '我的签到记录', description: '参加过的组织生活和活动', route: Routes.memberCheckins },
  {
    id: 'me-reports',
    title: '我的汇报',
    description: '思想汇报、组织生活月报告，给家乡建言献策',
    route: Routes.reportsMine,
  },
  {
    id: 'me-points',
    title: '我的积分',
    description: '签到、学习、志愿服务获得的积分，兑换权益',
    route: Routes.pointsMine,
  },
  {
    id: 'me-volunteer',
    title: '志愿服务',
    description: '我的技能卡、收到的请求、志愿服务和雁归',
    route: Routes.volunteerHub,
  },
];

const INBOX_LINK: Link = { id: 'me-inbox', title: '消息', description: '通知和待办', route: Routes.inbox };

/** Whole cards that open the member's own screens; everyone gets 消息. */
export function MeLinks({ isMember }: { isMember: boolean }) {
  const links = isMember ? [...MEMBER_LINKS, INBOX_LINK] : [INBOX_LINK];
  return (
    <View id="me-links">
      {links.map((link) => (
        <View key={link.id} className="card link-card" id={link.id} onClick={() => navigate.to(link.route)}>
          <View>
            <Text className="subtitle">{link.title}</Text>
            <Text className="hint">{link.description}</Text>
          </View>
          <Text className="link-card__arrow">›</Text>
        </View>
      ))}
    </View>
  );
}
