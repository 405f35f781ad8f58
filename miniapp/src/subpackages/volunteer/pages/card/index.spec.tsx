import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import { makeBoardCard, makeRequest } from '../../test-factories';
import CardPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: null }) })));
  setRouterParams({ id: 'k1' });
});

describe('CardPage', () => {
  it('sends a resident’s request, and says what happens next', async () => {
    fakeApi((call) => {
      if (call.path === '/api/volunteer/cards/k1') return ok(makeBoardCard({ id: 'k1' }));
      if (call.method === 'POST' && call.path === '/api/volunteer/requests') return ok(makeRequest(), 201);
      return undefined;
    });
    render(<CardPage />);

    expect(await screen.findByText('刘*国（党员志愿者）')).toBeInTheDocument();
    fireEvent.click(byId('request-submit'));
    expect(byId('request-problem')).toHaveTextContent('请说说需要帮什么忙');
    await typeInto('request-message', '厨房水管漏水');
    fireEvent.click(byId('request-submit'));
    expect(byId('request-problem')).toHaveTextContent('请写上地点');
    await typeInto('request-place', '七宝社区 5 号楼 302');
    await typeInto('request-time', '周六上午');
    fireEvent.click(byId('request-submit'));

    expect(await screen.findByText('请求已发出')).toBeInTheDocument();
    expect(callsTo('POST', '/api/volunteer/requests')[0].data).toEqual({
      cardId: 'k1',
      message: '厨房水管漏水',
      place: '七宝社区 5 号楼 302',
      preferredTime: '周六上午',
    });
    expect(document.getElementById('request-as')).toBeNull();
    fireEvent.click(byId('request-sent-link'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.volunteerSent });
  });

  it('lets community staff ask in their community’s name, and shows the photo', async () => {
    act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['community_staff'] }) })));
    fakeApi((call) => {
      if (call.path === '/api/volunteer/cards/k1') return ok(makeBoardCard({ id: 'k1', hasPhoto: true }));
      if (call.path === '/api/volunteer/cards/k1/photo') return ok({ contentType: 'image/png', dataBase64: 'iVBORw0' });
      if (call.path === '/api/orgs') return ok([{ id: 'c1', name: '七宝社区' }]);
      if (call.method === 'POST') return ok(makeRequest(), 201);
      return undefined;
    });
    render(<CardPage />);

    fireEvent.click(await screen.findByText('七宝社区'));
    await typeInto('request-message', '社区需要检修');
    await typeInto('request-place', '社区活动室');
    fireEvent.click(byId('request-submit'));
    await screen.findByText('请求已发出');
    expect(callsTo('POST', '/api/volunteer/requests')[0].data).toMatchObject({ onBehalfOfOrgId: 'c1' });
    expect(document.querySelector('#card-photo-image')).not.toBeNull();
  });

  it('shows why a request was refused and keeps what was typed', async () => {
    fakeApi((call) =>
      call.method === 'GET' ? ok(makeBoardCard({ id: 'k1' })) : failure(ErrorCode.VOLUNTEER_REQUEST_SELF),
    );
    render(<CardPage />);
    await typeInto('request-message', '帮忙');
    await typeInto('request-place', '这里');
    fireEvent.click(await screen.findByText('发送请求'));
    await waitFor(() => expect(byId('request-problem')).not.toBeEmptyDOMElement());
    expect(document.querySelector<HTMLTextAreaElement>('#request-message textarea')?.value).toBe('帮忙');
  });

  it('says why the card did not load (paused or gone), and retries', async () => {
    let attempts = 0;
    fakeApi(() => {
      attempts += 1;
      return attempts === 1
        ? failure(ErrorCode.SKILL_CARD_NOT_FOUND, '这张技能卡已暂停')
        : ok(makeBoardCard({ id: 'k1' }));
    });
    render(<CardPage />);
    expect(await screen.findByText('这张技能卡已暂停')).toBeInTheDocument();
    fireEvent.click(byId('card-error-retry'));
    expect(await screen.findByText('刘*国（党员志愿者）')).toBeInTheDocument();
  });
});
