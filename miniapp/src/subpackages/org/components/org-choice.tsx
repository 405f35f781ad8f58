import { Text, View } from '@tarojs/components';
import type { OrgView } from '@pioneer/shared';
import { useState } from 'react';
import { useLoader, type Loaded } from '../../../components/use-loader';
import { fetchOrg, listMyOrgs } from '../../../services/orgs';

export interface OrgChoice {
  /** The orgs to choose from: the one named in the page's query, else the caller's own. */
  orgs: Loaded<OrgView[]>;
  current: OrgView | null;
  choose: (orgId: string) => void;
  reload: () => void;
}

/** Which org a ledger screen works on: `?orgId=`, or one of the caller's own (the first by default). */
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

/** Chips to switch between the caller's orgs; nothing when there is only one. */
export function OrgTabs({ id, choice }: { id: string; choice: OrgChoice }) {
  if (choice.orgs.status !== 'ready' || choice.orgs.data.length < 2) return null;
  return (
    <View className="chips" id={id}>
      {choice.orgs.data.map((org) => (
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
