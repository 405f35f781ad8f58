import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { GREETING_TEMPLATES, GreetingRoutes, OrgRoutes, type GreetingView } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { ok } from '../../../../../test/responses';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import GreetingPage from './index';

const branch = { id: 'b1', name: '东风村党支部' };

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
});

describe('GreetingPage', () => {
  it('starts from a holiday template and sends once after confirming', async () => {
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === OrgRoutes.list) return ok([branch]);
      if (call.method === 'POST' && call.path === GreetingRoutes.greetings) {
        const body = call.data as { title: string; body: string };
        const sent: GreetingView = {
          id: 'g1',
          orgId: 'b1',
          orgName: branch.name,
          title: body.title,
          body: body.body,
          status: 'sending',
          recipients: 0,
          createdAt: '2026-11-26T02:00:00.000Z',
          sentAt: null,
        };
        return ok(sent, 201);
      }
      return undefined;
    });
    render(<GreetingPage />);
    expect(await screen.findByText('以东风村党支部的名义问候')).toBeInTheDocument();
    fireEvent.click(screen.getByText('中秋'));
    fireEvent.click(screen.getByText('发送问候'));
    expect(byId('greeting-confirm')).toHaveTextContent('发给东风村党支部的全体流动党员');
    fireEvent.click(byId('greeting-confirm-confirm'));

    expect(await screen.findByText('问候已发出')).toBeInTheDocument();
    const sent = callsTo('POST', GreetingRoutes.greetings);
    expect(sent).toHaveLength(1);
    const midAutumn = GREETING_TEMPLATES.find((t) => t.key === 'mid_autumn');
    expect(sent[0].data).toMatchObject({ orgId: 'b1', title: midAutumn?.title, body: midAutumn?.body });
    await waitFor(() => expect(screen.queryByText('发送问候')).toBeNull());
  });
});
