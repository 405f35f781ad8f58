import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, OrgRoutes, PointsRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { makeBenefit } from '../../../../../test/points-factories';
import { failure, ok } from '../../../../../test/responses';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import BenefitsPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['community_staff'] }) })));
});

const village = { id: 'org-1', name: '东风村', level: 'village' };

describe('BenefitsPage', () => {
  it('adds a benefit for the staff member’s org', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([village]);
      if (call.method === 'GET' && call.path === PointsRoutes.benefits) return ok({ items: [] });
      if (call.method === 'POST' && call.path === PointsRoutes.benefits)
        return ok(makeBenefit({ id: 'b-new', title: '免费理发', cost: 15, stock: 8, perMemberLimit: null }), 201);
      return undefined;
    });
    render(<BenefitsPage />);

    expect(await screen.findByText('还没有权益')).toBeInTheDocument();
    await typeInto('benefit-title', '免费理发');
    await typeInto('benefit-cost', '15');
    await typeInto('benefit-stock', '8');
    await typeInto('benefit-provider', '东风村党群服务站');
    fireEvent.click(byId('benefit-new-submit'));
    expect(await screen.findByText('免费理发')).toBeInTheDocument();
    expect(callsTo('POST', PointsRoutes.benefits)[0].data).toEqual({
      orgId: 'org-1',
      title: '免费理发',
      description: null,
      cost: 15,
      stock: 8,
      perMemberLimit: null,
      provider: '东风村党群服务站',
    });
  });

  it('restocks a benefit and shows what the server kept', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([village]);
      if (call.method === 'GET' && call.path === PointsRoutes.benefits)
        return ok({ items: [makeBenefit({ id: 'b-1', stock: 0 })] });
      if (call.method === 'PATCH' && call.path === '/api/points/benefits/b-1')
        return ok(makeBenefit({ id: 'b-1', stock: 30 }));
      return undefined;
    });
    render(<BenefitsPage />);
    expect(await screen.findByText(/库存 0/)).toBeInTheDocument();
    await typeInto('benefit-b-1-stock', '30');
    fireEvent.click(byId('benefit-b-1-save'));
    await waitFor(() => expect(byId('benefit-b-1')).toHaveTextContent('库存 30'));
    expect(callsTo('PATCH', '/api/points/benefits/b-1')[0].data).toEqual({ stock: 30 });
  });

  it('shows why the form was refused', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([village]);
      if (call.method === 'GET' && call.path === PointsRoutes.benefits) return ok({ items: [] });
      if (call.method === 'POST') return failure(ErrorCode.FORBIDDEN, '只有组织管理员或社区工作人员可以管理权益目录');
      return undefined;
    });
    render(<BenefitsPage />);
    await screen.findByText('还没有权益');
    fireEvent.click(byId('benefit-new-submit'));
    expect(byId('benefit-new-error')).toHaveTextContent('请填写权益名称');
    await typeInto('benefit-title', '蛋糕');
    await typeInto('benefit-cost', '5');
    await typeInto('benefit-stock', '1');
    await typeInto('benefit-provider', '面包房');
    fireEvent.click(byId('benefit-new-submit'));
    await waitFor(() =>
      expect(byId('benefit-new-error')).toHaveTextContent('只有组织管理员或社区工作人员可以管理权益目录'),
    );
  });
});
