import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { SuggestionRoutes, type SuggestionView } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession } from '../../../../../test/factories';
import { ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import SuggestPage from './index';

const chooseImage = jest.fn();

beforeAll(() => {
  // The shared Taro stand-in has no chooseImage: this page is the only one that picks photos.
  (taroMock as unknown as Record<string, unknown>).chooseImage = chooseImage;
});

beforeEach(() => {
  chooseImage.mockReset();
  sessionStore.clear();
  act(() => sessionStore.set(makeSession()));
});

const view = (over: Partial<SuggestionView> = {}): SuggestionView => ({
  id: 's1',
  category: 'rural_revitalization',
  title: '建设冷库',
  status: 'received',
  memberName: '张建国',
  branchName: '东风村党支部',
  imageCount: 1,
  createdAt: '2026-11-26T02:00:00.000Z',
  updatedAt: '2026-11-26T02:00:00.000Z',
  text: '建议建冷库。',
  imageIds: ['img-1'],
  reply: null,
  repliedAt: null,
  ...over,
});

describe('SuggestPage', () => {
  it('asks for a category before sending', async () => {
    render(<SuggestPage />);
    await typeInto('suggest-title', '建设冷库');
    fireEvent.click(screen.getByText('提交建议'));
    expect(await screen.findByText('请选择建议的类别')).toBeInTheDocument();
    expect(callsTo('POST', SuggestionRoutes.mine)).toHaveLength(0);
  });

  it('uploads the photos first and sends the suggestion with them', async () => {
    chooseImage.mockResolvedValue({ errMsg: 'chooseImage:ok', tempFiles: [{ path: 'blob:photo-1', size: 2048 }] });
    taroMock.uploadFile.mockResolvedValue({
      statusCode: 201,
      data: JSON.stringify({ id: 'img-1', contentType: 'image/jpeg', size: 2048 }),
    });
    fakeApi((call) => (call.method === 'POST' && call.path === SuggestionRoutes.mine ? ok(view(), 201) : undefined));
    render(<SuggestPage />);

    fireEvent.click(byId('suggest-category-rural_revitalization'));
    await typeInto('suggest-title', '建设冷库');
    await typeInto('suggest-text', '建议建冷库。');
    fireEvent.click(screen.getByText('添加图片'));
    await waitFor(() => expect(byId('suggest-photo-0')).toBeInTheDocument());
    fireEvent.click(screen.getByText('提交建议'));

    expect(await screen.findByText('建议已送达')).toBeInTheDocument();
    expect(taroMock.uploadFile).toHaveBeenCalledTimes(1);
    const sent = callsTo('POST', SuggestionRoutes.mine)[0].data as Record<string, unknown>;
    expect(sent).toMatchObject({
      category: 'rural_revitalization',
      title: '建设冷库',
      text: '建议建冷库。',
      imageIds: ['img-1'],
    });
    expect(sent.clientKey).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  });

  it('refuses a photo over 1 MB before uploading it', async () => {
    chooseImage.mockResolvedValue({
      errMsg: 'chooseImage:ok',
      tempFiles: [{ path: 'blob:big', size: 3 * 1024 * 1024 }],
    });
    render(<SuggestPage />);
    fireEvent.click(screen.getByText('添加图片'));
    expect(await screen.findByText('有的图片太大（超过 1MB），请换一张或截图后再选')).toBeInTheDocument();
    expect(taroMock.uploadFile).not.toHaveBeenCalled();
  });
});
