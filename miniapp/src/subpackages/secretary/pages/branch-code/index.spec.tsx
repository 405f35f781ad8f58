import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CheckinRoutes, ErrorCode, OrgRoutes } from '@pioneer/shared';
import { makeBranchCode, makeOrg } from '../../../../../test/activity-factories';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok, status } from '../../../../../test/responses';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import BranchCodePage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
});

describe('BranchCodePage', () => {
  it('shows the branch’s QR code of its link and the fallback code in groups of four', async () => {
    const code = makeBranchCode({ branchId: 'b-1', branchName: '东王庄村党支部' });
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([makeOrg('b-1', '东王庄村党支部')]);
      if (call.path === '/api/orgs/b-1/code') return ok(code);
      return undefined;
    });
    render(<BranchCodePage />);

    expect(await screen.findByText('K7Q2-M9XD-3F8A')).toBeInTheDocument();
    expect(byId('branch-code-name')).toHaveTextContent('东王庄村党支部');
    expect(byId('branch-code-qr').getAttribute('data-qr-text')).toBe(code.link);
    expect(byId('branch-code-type')).toHaveTextContent('当前使用普通二维码');
    expect(screen.getByText(/签名密钥第 1 版/)).toBeInTheDocument();
  });

  it('shows the WeChat mini-program code, fetched with the login, when the branch has one', async () => {
    setRouterParams({ orgId: 'b-2' });
    fakeApi((call) => {
      if (call.path === '/api/orgs/b-2') return ok(makeOrg('b-2', '北关村党支部'));
      if (call.path === '/api/orgs/b-2/code')
        return ok(makeBranchCode({ branchId: 'b-2', codeType: 'wechat_mini_program', keyVersion: 3 }));
      return undefined;
    });
    taroMock.downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'blob:wxacode', errMsg: 'ok' });
    render(<BranchCodePage />);

    expect(await screen.findByText(/海报上印的是微信小程序码/)).toBeInTheDocument();
    await waitFor(() => expect(byId('branch-code-wxacode').getAttribute('src')).toBe('blob:wxacode'));
    expect(document.getElementById('branch-code-qr')).toBeNull();
    expect(screen.getByText(/签名密钥第 3 版/)).toBeInTheDocument();
    expect(callsTo('GET', OrgRoutes.list)).toHaveLength(0);
    const [options] = taroMock.downloadFile.mock.calls[0] as [{ url: string; header: object }];
    expect(options.url).toBe(CheckinRoutes.branchWxacode.replace(':id', 'b-2'));
    expect(options.header).toHaveProperty('Authorization');
  });

  it('says why the mini-program code could not be shown, and tries again', async () => {
    setRouterParams({ orgId: 'b-2' });
    fakeApi((call) => {
      if (call.path === '/api/orgs/b-2') return ok(makeOrg('b-2', '北关村党支部'));
      if (call.path === '/api/orgs/b-2/code')
        return ok(makeBranchCode({ branchId: 'b-2', codeType: 'wechat_mini_program' }));
      return undefined;
    });
    taroMock.downloadFile.mockResolvedValue({ ...status(502), tempFilePath: 'blob:error', errMsg: 'ok' });
    // H5 reads a refused download's body back from its blob URL.
    const realFetch = global.fetch;
    global.fetch = jest.fn(() =>
      Promise.resolve({
        text: () => Promise.resolve(JSON.stringify({ code: ErrorCode.WECHAT_UNAVAILABLE, message: '' })),
      }),
    ) as unknown as typeof fetch;
    try {
      render(<BranchCodePage />);

      // A 502 is tried three times (0.6 s and 1.8 s apart) before the person is told.
      expect(await screen.findByText('微信服务暂时不可用，请稍后再试', {}, { timeout: 5000 })).toBeInTheDocument();
      expect(taroMock.downloadFile).toHaveBeenCalledTimes(3);
      // The fallback code is still there to read out or type.
      expect(byId('branch-code-fallback')).toHaveTextContent('K7Q2-M9XD-3F8A');
      taroMock.downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'blob:wxacode', errMsg: 'ok' });
      fireEvent.click(byId('branch-code-wxacode-error-retry'));
      await waitFor(() => expect(byId('branch-code-wxacode').getAttribute('src')).toBe('blob:wxacode'));
    } finally {
      global.fetch = realFetch;
    }
  });

  it('downloads the poster as PNG and as PDF with the login', async () => {
    setRouterParams({ orgId: 'b-1' });
    fakeApi((call) => {
      if (call.path === '/api/orgs/b-1') return ok(makeOrg('b-1', '东王庄村党支部'));
      if (call.path === '/api/orgs/b-1/code') return ok(makeBranchCode({ branchId: 'b-1' }));
      return undefined;
    });
    taroMock.downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'blob:poster', errMsg: 'ok' });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(<BranchCodePage />);

    fireEvent.click(await screen.findByText('下载海报图片（PNG）'));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByText('下载打印版（PDF）'));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(2));

    const urls = taroMock.downloadFile.mock.calls.map(([options]) => (options as { url: string }).url);
    expect(urls).toEqual(['/api/orgs/b-1/code/poster.png', '/api/orgs/b-1/code/poster.pdf']);
    const headers = taroMock.downloadFile.mock.calls.map(([options]) => (options as { header: object }).header);
    expect(headers[0]).toHaveProperty('Authorization');
    click.mockRestore();
  });

  it('shows why a poster could not be downloaded', async () => {
    setRouterParams({ orgId: 'b-1' });
    fakeApi((call) => {
      if (call.path === '/api/orgs/b-1') return ok(makeOrg('b-1', '东王庄村党支部'));
      if (call.path === '/api/orgs/b-1/code') return ok(makeBranchCode({ branchId: 'b-1' }));
      return undefined;
    });
    taroMock.downloadFile.mockResolvedValue({ ...status(403), tempFilePath: 'blob:error', errMsg: 'ok' });
    // H5 reads a refused download's body back from its blob URL.
    const realFetch = global.fetch;
    global.fetch = jest.fn(() =>
      Promise.resolve({ text: () => Promise.resolve(JSON.stringify({ code: ErrorCode.FORBIDDEN, message: '' })) }),
    ) as unknown as typeof fetch;
    try {
      render(<BranchCodePage />);

      fireEvent.click(await screen.findByText('下载打印版（PDF）'));

      expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
      expect(byId('branch-code-pdf-error')).toBeInTheDocument();
    } finally {
      global.fetch = realFetch;
    }
  });

  it('offers to record an arrival by a member’s personal code for this branch', async () => {
    setRouterParams({ orgId: 'b-1' });
    fakeApi((call) => {
      if (call.path === '/api/orgs/b-1') return ok(makeOrg('b-1', '东王庄村党支部'));
      if (call.path === '/api/orgs/b-1/code') return ok(makeBranchCode({ branchId: 'b-1' }));
      return undefined;
    });
    render(<BranchCodePage />);

    fireEvent.click(await screen.findByText(/扫他的个人码代为报到/));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.secretaryScanMember}?branchId=b-1` });
  });

  it('shows the server’s refusal with a retry', async () => {
    setRouterParams({ orgId: 'b-1' });
    fakeApi((call) => {
      if (call.path === '/api/orgs/b-1') return ok(makeOrg('b-1', '东王庄村党支部'));
      if (call.path === '/api/orgs/b-1/code') return failure(ErrorCode.FORBIDDEN);
      return undefined;
    });
    render(<BranchCodePage />);

    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
    expect(byId('branch-code-error-retry')).toBeInTheDocument();
  });
});
