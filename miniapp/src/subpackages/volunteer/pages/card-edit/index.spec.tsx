import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import { makeMyCard, SKILLS } from '../../test-factories';
import { cardRequestFrom, EMPTY_CARD_FORM, toggled } from './card-form';
import CardEditPage from './index';

const AREAS: Record<string, unknown[]> = {
  '': [{ id: 'street-1', name: '七宝镇', level: 'township', selectable: true }],
  'street-1': [
    { id: 'community-1', name: '七宝社区', level: 'village', selectable: true },
    { id: 'community-2', name: '新镇社区', level: 'village', selectable: true },
  ],
};

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
});

describe('cardRequestFrom', () => {
  it.each([
    [{}, '请至少选一项技能'],
    [{ extraSkills: '修手机' }, '请从列表里至少选一项技能，其他技能可以写在下面'],
    [{ skillCodes: ['a'] }, '请简单介绍一下您能帮什么忙'],
    [{ skillCodes: ['a'], description: '能修' }, '请选择服务的社区'],
  ])('refuses %j with “%s”', (change, problem) => {
    expect(cardRequestFrom({ ...EMPTY_CARD_FORM, ...change })).toBe(problem);
  });

  it('sends trimmed text, sorted days, and leaves out what is empty', () => {
    expect(
      cardRequestFrom({
        ...EMPTY_CARD_FORM,
        skillCodes: ['legal_advice'],
        description: ' 执业律师 ',
        area: { id: 'c1', name: '七宝社区' },
        days: [7, 6],
        slots: ['evening'],
        note: ' ',
      }),
    ).toEqual({
      skillCodes: ['legal_advice'],
      description: '执业律师',
      areaId: 'c1',
      availability: { days: [6, 7], slots: ['evening'] },
    });
  });

  it('toggles, and takes no more than the maximum', () => {
    expect(toggled(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggled(['a', 'b'], 'c', 2)).toEqual(['a', 'b']);
  });
});

describe('CardEditPage', () => {
  it('posts a new card: skills as chips, a community picked level by level, free days', async () => {
    fakeApi((call) => {
      if (call.path === '/api/volunteer/skills') return ok(SKILLS);
      if (call.path === '/api/volunteer/areas') return ok(AREAS[call.query.parentId ?? '']);
      if (call.method === 'POST' && call.path === '/api/volunteer/me/cards') return ok(makeMyCard(), 201);
      return undefined;
    });
    render(<CardEditPage />);

    fireEvent.click(await screen.findByText('水电维修'));
    fireEvent.click(byId('card-skill-legal_advice'));
    await typeInto('card-extra', '管道疏通');
    await typeInto('card-description', '二十年水电安装经验');
    fireEvent.click(byId('card-form-submit'));
    expect(byId('card-form-problem')).toHaveTextContent('请选择服务的社区');

    fireEvent.click(byId('card-area-change'));
    fireEvent.click(await screen.findByText('七宝镇 ›'));
    fireEvent.click(await screen.findByText('七宝社区'));
    expect(byId('card-area-name')).toHaveTextContent('七宝社区');
    fireEvent.click(byId('card-day-7'));
    fireEvent.click(byId('card-day-6'));
    fireEvent.click(byId('card-slot-morning'));
    await typeInto('card-availability-note', '下班后');
    fireEvent.click(byId('card-form-submit'));

    await waitFor(() => expect(taroMock.navigateBack).toHaveBeenCalled());
    expect(callsTo('POST', '/api/volunteer/me/cards')[0].data).toEqual({
      skillCodes: ['plumbing_electrical', 'legal_advice'],
      extraSkills: '管道疏通',
      description: '二十年水电安装经验',
      areaId: 'community-1',
      availability: { days: [6, 7], slots: ['morning'], note: '下班后' },
    });
    expect(document.getElementById('card-photo')).toBeNull();
  });

  it('changes one of my cards, filled in as it was, and offers a photo', async () => {
    setRouterParams({ id: 'c1' });
    fakeApi((call) => {
      if (call.path === '/api/volunteer/skills') return ok(SKILLS);
      if (call.method === 'GET' && call.path === '/api/volunteer/me/cards') return ok([makeMyCard({ id: 'c1' })]);
      if (call.method === 'PATCH' && call.path === '/api/volunteer/me/cards/c1') return ok(makeMyCard({ id: 'c1' }));
      return undefined;
    });
    render(<CardEditPage />);

    await waitFor(() => expect(byId('card-skill-plumbing_electrical')).toHaveAttribute('aria-pressed', 'true'));
    expect(byId('card-area-name')).toHaveTextContent('七宝社区');
    expect(byId('card-day-6')).toHaveAttribute('aria-pressed', 'true');
    expect(byId('card-photo-pick')).toHaveTextContent('添加照片');
    await typeInto('card-description', '也会换灯具');
    fireEvent.click(byId('card-form-submit'));
    await waitFor(() => expect(taroMock.navigateBack).toHaveBeenCalled());
    expect(callsTo('PATCH', '/api/volunteer/me/cards/c1')[0].data).toMatchObject({
      description: '也会换灯具',
      areaId: 'area-1',
      skillCodes: ['plumbing_electrical'],
    });
  });

  it('shows the server’s refusal and keeps the form', async () => {
    fakeApi((call) => {
      if (call.path === '/api/volunteer/skills') return ok(SKILLS);
      if (call.path === '/api/volunteer/areas') return ok(AREAS['street-1']);
      return failure(ErrorCode.SKILL_CARD_LIMIT);
    });
    render(<CardEditPage />);
    fireEvent.click(await screen.findByText('水电维修'));
    await typeInto('card-description', '能修');
    fireEvent.click(byId('card-area-change'));
    fireEvent.click(await screen.findByText('新镇社区'));
    fireEvent.click(byId('card-form-submit'));
    await waitFor(() => expect(byId('card-form-problem')).not.toBeEmptyDOMElement());
    expect(taroMock.navigateBack).not.toHaveBeenCalled();
    expect(byId('card-form-submit')).toHaveTextContent('发布技能卡');
  });

  it('says why the skills did not load, and retries', async () => {
    let attempts = 0;
    fakeApi(() => {
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.NOT_FOUND, '没有找到') : ok(SKILLS);
    });
    render(<CardEditPage />);
    expect(await screen.findByText('没有找到')).toBeInTheDocument();
    fireEvent.click(byId('card-edit-error-retry'));
    expect(await screen.findByText('法律咨询')).toBeInTheDocument();
  });

  it('says so when the card to change is not mine (or gone)', async () => {
    setRouterParams({ id: 'other' });
    fakeApi((call) => (call.path === '/api/volunteer/skills' ? ok(SKILLS) : ok([])));
    render(<CardEditPage />);
    expect(await screen.findByText('找不到这张技能卡，可能已被删除')).toBeInTheDocument();
  });
});
