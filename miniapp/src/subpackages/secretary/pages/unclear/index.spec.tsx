import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { LedgerRoutes, type FourFactView } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount, makeUnclearMember } from '../../../../../test/factories';
import { ok } from '../../../../../test/responses';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import UnclearPage from './index';

function factsWith(states: FourFactView['state'][]): FourFactView[] {
  return (['identity', 'time', 'whereabouts', 'work'] as const).map((fact, i) => ({
    fact,
    label: fact,
    state: states[i],
    confirmedAt: null,
    confirmedByName: null,
  }));
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
});

describe('UnclearPage', () => {
  it('lists members with stale or missing facts and says which', async () => {
    fakeApi((call) =>
      call.path === LedgerRoutes.unclear
        ? ok({ items: [makeUnclearMember({ id: 'm-1', name: '王建军' })] })
        : undefined,
    );
    render(<UnclearPage />);

    expect(await screen.findByText('王建军')).toBeInTheDocument();
    expect(byId('unclear-m-1-facts')).toHaveTextContent('流动时间：超期未核');
    expect(byId('unclear-m-1-facts')).toHaveTextContent('流动去向：未核实');
  });

  it('confirms the facts that needed checking and drops the member once all four are clear', async () => {
    fakeApi((call) => {
      if (call.path === LedgerRoutes.unclear) return ok({ items: [makeUnclearMember({ id: 'm-1', name: '王建军' })] });
      if (call.method === 'POST' && call.path === '/api/ledgers/members/m-1/facts')
        return ok(factsWith(['clear', 'clear', 'clear', 'clear']));
      return undefined;
    });
    render(<UnclearPage />);

    fireEvent.click(await screen.findByText('核实后确认'));
    fireEvent.click(screen.getByText('确认已核实'));

    await waitFor(() => expect(screen.queryByText('王建军')).toBeNull());
    expect(callsTo('POST', '/api/ledgers/members/m-1/facts')[0].data).toEqual({ facts: ['time', 'whereabouts'] });
    expect(byId('unclear-empty')).toHaveTextContent('四清情况都已核实');
  });

  it('keeps the member with the new states when a fact is still unclear', async () => {
    fakeApi((call) => {
      if (call.path === LedgerRoutes.unclear) return ok({ items: [makeUnclearMember({ id: 'm-1', name: '王建军' })] });
      if (call.path === '/api/ledgers/members/m-1/facts') return ok(factsWith(['clear', 'clear', 'missing', 'clear']));
      return undefined;
    });
    render(<UnclearPage />);

    fireEvent.click(await screen.findByText('核实后确认'));
    // Only the time could be checked this time.
    fireEvent.click(byId('unclear-m-1-fact-whereabouts'));
    fireEvent.click(screen.getByText('确认已核实'));

    await waitFor(() => expect(byId('unclear-m-1-facts')).toHaveTextContent('流动时间：已清'));
    expect(callsTo('POST', '/api/ledgers/members/m-1/facts')[0].data).toEqual({ facts: ['time'] });
    expect(byId('unclear-m-1-facts')).toHaveTextContent('流动去向：未核实');
  });

  it('shows an empty state when every fact is clear', async () => {
    fakeApi((call) => (call.path === LedgerRoutes.unclear ? ok({ items: [] }) : undefined));
    render(<UnclearPage />);

    expect(await screen.findByText('四清情况都已核实')).toBeInTheDocument();
  });
});
