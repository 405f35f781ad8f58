import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import { makeNeed, SKILLS } from '../../test-factories';
import NeedNewPage from './index';
import { EMPTY_NEED_FORM, localIso, needRequestFrom } from './need-form';

const ORGS = [
  { id: 'c1', name: '七宝社区', level: 'village' },
  { id: 'c2', name: '新镇社区', level: 'village' },
];
const setInput = (id: string, value: string) => fireEvent.change(byId(id), { target: { value } });

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['community_staff'] }) })));
});

describe('needRequestFrom', () => {
  const now = new Date('2030-06-01T00:00:00+08:00');
  const filled = {
    ...EMPTY_NEED_FORM,
    skillCode: 'plumbing_electrical',
    title: '水管检修',
    place: '3 号楼',
    date: '2030-06-08',
    startTime: '09:00',
    endTime: '11:00',
    headcount: '2',
  };

  it.each([
    [{ skillCode: '' }, '请选择需要的技能'],
    [{ title: ' ' }, '请写一个简短的标题'],
    [{ place: '' }, '请填写地点'],
    [{ endTime: '' }, '请选择日期和起止时间'],
    [{ headcount: '0' }, '需要人数请填 1 到 200 之间的整数'],
    [{ headcount: '1.5' }, '需要人数请填 1 到 200 之间的整数'],
    [{ date: '2030-05-01' }, '开始时间已经过了，请重新选择'],
  ])('refuses %j with “%s”', (change, problem) => {
    expect(needRequestFrom({ ...filled, ...change }, 'c1', now)).toBe(problem);
  });

  it('sends the times with their offset, and an end before the start as the next day', () => {
    expect(needRequestFrom(filled, 'c1', now)).toEqual({
      orgId: 'c1',
      skillCode: 'plumbing_electrical',
      title: '水管检修',
      place: '3 号楼',
      startsAt: localIso('2030-06-08', '09:00'),
      endsAt: localIso('2030-06-08', '11:00'),
      headcount: 2,
    });
    const overnight = needRequestFrom({ ...filled, startTime: '20:00', endTime: '02:00' }, 'c1', now);
    expect(typeof overnight === 'string' ? overnight : overnight.endsAt).toBe(localIso('2030-06-09', '02:00'));
  });
});

describe('NeedNewPage', () => {
  it('posts a need for the chosen org and opens it', async () => {
    fakeApi((call) => {
      if (call.path === '/api/volunteer/skills') return ok(SKILLS);
      if (call.path === '/api/orgs') return ok(ORGS);
      if (call.method === 'POST' && call.path === '/api/volunteer/needs') return ok(makeNeed({ id: 'n9' }), 201);
      return undefined;
    });
    render(<NeedNewPage />);

    fireEvent.click(await screen.findByText('新镇社区'));
    expect(byId('need-org')).toHaveTextContent('以“新镇社区”的名义发布');
    fireEvent.click(byId('need-skill-plumbing_electrical'));
    await typeInto('need-title', '老旧小区水管检修');
    await typeInto('need-place', '新镇社区 3 号楼');
    setInput('need-date', '2030-06-08');
    setInput('need-start', '09:00');
    setInput('need-end', '11:00');
    await typeInto('need-headcount', '3');
    await typeInto('need-description', '请自带工具');
    fireEvent.click(byId('need-submit'));

    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.volunteerNeed}?id=n9` }));
    expect(callsTo('POST', '/api/volunteer/needs')[0].data).toEqual({
      orgId: 'c2',
      skillCode: 'plumbing_electrical',
      title: '老旧小区水管检修',
      place: '新镇社区 3 号楼',
      startsAt: localIso('2030-06-08', '09:00'),
      endsAt: localIso('2030-06-08', '11:00'),
      headcount: 3,
      description: '请自带工具',
    });
  });

  it('shows what to fix, and the server’s refusal', async () => {
    fakeApi((call) => {
      if (call.path === '/api/volunteer/skills') return ok(SKILLS);
      if (call.path === '/api/orgs') return ok(ORGS.slice(0, 1));
      return failure(ErrorCode.NOT_FOUND, '您不能为这个组织发布需求');
    });
    render(<NeedNewPage />);
    fireEvent.click(await screen.findByText('发布需求'));
    expect(byId('need-problem')).toHaveTextContent('请选择需要的技能');
    fireEvent.click(byId('need-skill-legal_advice'));
    await typeInto('need-title', '法律咨询');
    await typeInto('need-place', '活动室');
    setInput('need-date', '2030-06-08');
    setInput('need-start', '09:00');
    setInput('need-end', '11:00');
    fireEvent.click(byId('need-submit'));
    expect(await screen.findByText('您不能为这个组织发布需求')).toBeInTheDocument();
    expect(taroMock.navigateTo).not.toHaveBeenCalled();
  });

  it('says when the account has no org', async () => {
    fakeApi((call) => (call.path === '/api/orgs' ? ok([]) : ok(SKILLS)));
    render(<NeedNewPage />);
    expect(await screen.findByText('您的账号还没有分配组织')).toBeInTheDocument();
  });

  it('says why the skills did not load, and retries', async () => {
    let attempts = 0;
    fakeApi((call) => {
      if (call.path === '/api/orgs') return ok(ORGS.slice(0, 1));
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN, '没有权限') : ok(SKILLS);
    });
    render(<NeedNewPage />);
    expect(await screen.findByText('没有权限')).toBeInTheDocument();
    fireEvent.click(byId('need-new-error-retry'));
    expect(await screen.findByText('水电维修')).toBeInTheDocument();
  });
});
