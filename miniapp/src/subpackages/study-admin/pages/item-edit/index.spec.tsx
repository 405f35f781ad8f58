import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, StudyRoutes, type StudyItemInput } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { makeStudyItemView, makeStudyPackView } from '../../../../../test/study-factories';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { pathOf } from '../../../../services/path';
import { sessionStore } from '../../../../stores/session';
import StudyItemEditPage from './index';

const packPath = pathOf(StudyRoutes.pack, { id: 'p-1' });
const itemsPath = pathOf(StudyRoutes.packItems, { id: 'p-1' });

const existing = makeStudyItemView({
  id: 'i-2',
  kind: 'audio',
  title: '微党课',
  body: null,
  url: 'https://a.test/1.mp3',
  minSeconds: 300,
  capSeconds: 3600,
  quiz: [{ text: '党的根本宗旨是什么？', options: ['全心全意为人民服务', '发展经济'], answer: 0 }],
});
const pack = makeStudyPackView({ id: 'p-1', title: '4月学习礼包', items: [existing] });

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['org_admin'] }) })));
});

describe('StudyItemEditPage', () => {
  it('adds an article with a quiz, previewing the body as members will see it', async () => {
    setRouterParams({ packId: 'p-1' });
    fakeApi((call) => {
      if (call.path === packPath) return ok(pack);
      if (call.method === 'POST' && call.path === itemsPath) return ok(makeStudyItemView(), 201);
      return undefined;
    });
    render(<StudyItemEditPage />);

    expect(await screen.findByText('添加学习内容')).toBeInTheDocument();
    await typeInto('item-title', '党章总纲');
    await typeInto('item-body', '<h2>总纲</h2><p>中国共产党是中国工人阶级的先锋队。</p><script>alert(1)</script>');
    fireEvent.click(screen.getByText('预览党员看到的样子'));
    await waitFor(() => expect(byId('item-preview-article')).toHaveTextContent('中国共产党是中国工人阶级的先锋队。'));
    expect(byId('item-preview-article').innerHTML).not.toContain('script');

    fireEvent.click(screen.getByText('添加一道单选题'));
    await typeInto('quiz-draft-0-text', '党的最高理想是什么？');
    await typeInto('quiz-draft-0-option-0', '全面建成小康社会');
    await typeInto('quiz-draft-0-option-1', '实现共产主义');
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('第 1 题还没有选择正确答案')).toBeInTheDocument();
    expect(callsTo('POST', itemsPath)).toHaveLength(0);

    fireEvent.click(byId('quiz-draft-0-right-1'));
    expect(byId('quiz-draft-0-right-1')).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(screen.getByText('保存'));

    await waitFor(() => expect(taroMock.navigateBack).toHaveBeenCalled());
    expect(callsTo('POST', itemsPath)[0].data as StudyItemInput).toEqual({
      kind: 'article',
      title: '党章总纲',
      body: '<h2>总纲</h2><p>中国共产党是中国工人阶级的先锋队。</p><script>alert(1)</script>',
      quiz: [{ text: '党的最高理想是什么？', options: ['全面建成小康社会', '实现共产主义'], answer: 1 }],
    });
  });

  it('changes an existing audio item with its link, minutes and quiz', async () => {
    setRouterParams({ packId: 'p-1', itemId: 'i-2' });
    fakeApi((call) => {
      if (call.path === packPath) return ok(pack);
      if (call.method === 'PUT' && call.path === `${itemsPath}/i-2`) return ok(existing);
      return undefined;
    });
    render(<StudyItemEditPage />);

    expect(await screen.findByText('修改学习内容')).toBeInTheDocument();
    expect(byId('item-kind-audio')).toHaveAttribute('aria-selected', 'true');
    await typeInto('item-min-minutes', '8');
    fireEvent.click(screen.getByText('加一个选项'));
    await typeInto('quiz-draft-0-option-2', '保护环境');
    fireEvent.click(screen.getByText('保存'));

    await waitFor(() => expect(taroMock.navigateBack).toHaveBeenCalled());
    expect(callsTo('PUT', `${itemsPath}/i-2`)[0].data).toEqual({
      kind: 'audio',
      title: '微党课',
      url: 'https://a.test/1.mp3',
      minSeconds: 480,
      quiz: [{ text: '党的根本宗旨是什么？', options: ['全心全意为人民服务', '发展经济', '保护环境'], answer: 0 }],
    });
  });

  it('shows the server’s refusal and stays on the form', async () => {
    setRouterParams({ packId: 'p-1' });
    fakeApi((call) => {
      if (call.path === packPath) return ok(pack);
      if (call.path === itemsPath) return failure(ErrorCode.VALIDATION_FAILED);
      return undefined;
    });
    render(<StudyItemEditPage />);

    fireEvent.click(await screen.findByText('视频'));
    await typeInto('item-title', '纪录片');
    await typeInto('item-url', 'https://v.test/1');
    fireEvent.click(screen.getByText('保存'));

    expect(await screen.findByText('提交的内容有误，请检查后重试')).toBeInTheDocument();
    expect(taroMock.navigateBack).not.toHaveBeenCalled();
    expect(callsTo('POST', itemsPath)[0].data).toEqual({
      kind: 'video_link',
      title: '纪录片',
      url: 'https://v.test/1',
    });
  });
});
