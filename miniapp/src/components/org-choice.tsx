import { Text, View } from '@tarojs/components';
import type { OrgView } from '@pioneer/shared';
import { useState } from 'react';
import { EmptyState, ErrorView, LoadingView } from './state-views';
import { useLoader, type Loaded } from './use-loader';
import { fetchOrg, listMyOrgs } from '../services/orgs';

export interface OrgChoice {
  orgs: Loaded<OrgView[]>;
  current: OrgView | null;
  choose: (orgId: string) => void;
  reload: () => void;
}

/** Which org a staff screen (study, reports, volunteering, duties) works on: `?orgId=`, or one of the caller's own (the first by default). */
export function useOrgChoice(orgIdParam: string | undefined): OrgChoice {
  const { state, reload } = useLoader(
    () => (orgIdParam ? fetchOrg(orgIdParam).then((org) => [org]) : listMyOrgs()),
    orgIdParam ?? '',
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const list = state.status === 'ready' ? state.data : [];
  const current = list.find((org) => org.id === chosen) ?? list[0] ?? null;
  return { orgs: state, current, choose: setChosen, reload };
}

/** Loading, failure and chips to switch between several orgs; nothing when there is just one. */
export function OrgChoiceBar({ id, choice }: { id: string; choice: OrgChoice }) {
  const { orgs } = choice;
  if (orgs.status === 'loading') return <LoadingView id={`${id}-loading`} />;
  if (orgs.status === 'failed') return <ErrorView id={`${id}-error`} message={orgs.message} onRetry={choice.reload} />;
  if (orgs.data.length === 0)
    return <EmptyState id={`${id}-none`} title="您的账号还没有分配组织" description="请联系组织部门或系统管理员。" />;
  if (orgs.data.length < 2) return null;
  return (
    <View className="chips" id={id}>
      {orgs.data.map((org) => (
        <View
          key={org.id}
          id={`${id}-${org.id}`}
          className={`chip${org.id === choice.current?.id ? ' chip--selected' : ''}`}
          onClick={() => choice.choose(org.id)}
        >
          <Text>{org.name}</Text>
        </View>
      ))}
    </View>
  );
}
