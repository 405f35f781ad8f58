import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, HttpHeader, OrgRoutes, type ImportReport, type OrgView } from '@pioneer/shared';
import { fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import ImportPage from './index';

const org: OrgView = {
  id: 'o-1',
  parentId: null,
  level: 'township',
  kind: 'regular',
  name: '西村乡党委',
  regionCode: '410821',
  address: null,
  location: null,
  secretaryName: null,
  activityDay: null,
  foundingOrgId: null,
  trail: ['河南省', '焦作市', '修武县', '西村乡党委'],
};

interface Upload {
  url: string;
  filePath: string;
  name: string;
  fileName?: string;
  header: Record<string, string>;
}

const uploads = (): Upload[] => taroMock.uploadFile.mock.calls.map(([options]) => options as Upload);

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return { mode: 'preview', totalRows: 3, goodRows: 3, inserted: 0, errors: [], ...overrides };
}

async function pickFile(name = '名册.xlsx') {
  const input = await waitFor(() => byId('import-file-input'));
  const file = new File(['xlsx bytes'], name, {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  fireEvent.change(input, { target: { files: [file] } });
}

beforeAll(() => {
  // jsdom has no object URLs; the H5 picker hands uploadFile one.
  URL.createObjectURL = jest.fn(() => 'blob:picked-file');
});

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['org_admin'] }) })));
  fakeApi((call) => (call.path === OrgRoutes.list ? ok([org]) : undefined));
});

describe('ImportPage', () => {
  it('previews the picked file and lists every bad cell by row and column, with import disabled', async () => {
    taroMock.uploadFile.mockResolvedValue({
      statusCode: 200,
      data: JSON.stringify(
        report({
          totalRows: 3,
          goodRows: 1,
          errors: [
            { row: 3, column: '身份证号', code: 'invalid_id_number', message: '身份证号码校验位不正确' },
            { row: 4, column: '手机号', code: 'invalid_phone', message: '手机号码应为 11 位' },
          ],
        }),
      ),
    });
    render(<ImportPage />);

    await pickFile();

    expect(await screen.findByText('身份证号码校验位不正确')).toBeInTheDocument();
    expect(byId('import-error-0')).toHaveTextContent('3身份证号身份证号码校验位不正确');
    expect(byId('import-error-1')).toHaveTextContent('4手机号手机号码应为 11 位');
    expect(byId('import-summary')).toHaveTextContent('2 行有问题（2 处）');
    expect(byId('import-commit')).toHaveClass('big-button--inactive');
    fireEvent.click(byId('import-commit'));
    expect(taroMock.uploadFile).toHaveBeenCalledTimes(1);

    const [preview] = uploads();
    expect(preview.url).toBe('/api/ledgers/import?orgId=o-1&mode=preview');
    expect(preview).toMatchObject({ filePath: 'blob:picked-file', name: 'file', fileName: '名册.xlsx' });
    expect(preview.header.Authorization).toMatch(/^Bearer /);
    expect(preview.header[HttpHeader.IDEMPOTENCY_KEY]).toBeDefined();
  });

  it('enables import after a clean preview and commits the same file', async () => {
    taroMock.uploadFile
      .mockResolvedValueOnce({ statusCode: 200, data: JSON.stringify(report()) })
      .mockResolvedValueOnce({
        statusCode: 200,
        data: JSON.stringify(report({ mode: 'commit', inserted: 3 })),
      });
    render(<ImportPage />);

    await pickFile();
    const commit = await screen.findByText('导入 3 名党员');
    expect(byId('import-commit')).not.toHaveClass('big-button--inactive');
    fireEvent.click(commit);

    expect(await screen.findByText('已导入 3 名党员到西村乡党委。')).toBeInTheDocument();
    expect(uploads().map((upload) => upload.url)).toEqual([
      '/api/ledgers/import?orgId=o-1&mode=preview',
      '/api/ledgers/import?orgId=o-1&mode=commit',
    ]);
  });

  it('shows why the server could not read the file', async () => {
    taroMock.uploadFile.mockResolvedValue({
      statusCode: 400,
      data: JSON.stringify({ code: ErrorCode.IMPORT_FILE_INVALID, message: '无法读取上传的表格' }),
    });
    render(<ImportPage />);

    await pickFile();

    expect(await screen.findByText('无法读取上传的表格')).toBeInTheDocument();
    expect(byId('import-commit')).toHaveClass('big-button--inactive');
  });

  it('says so when the sheet has no rows, and keeps import disabled', async () => {
    taroMock.uploadFile.mockResolvedValue({
      statusCode: 200,
      data: JSON.stringify(report({ totalRows: 0, goodRows: 0 })),
    });
    render(<ImportPage />);

    await pickFile();

    expect(await screen.findByText(/表格中没有党员数据/)).toBeInTheDocument();
    expect(byId('import-commit')).toHaveClass('big-button--inactive');
  });

  it('refuses a file that is not .xlsx without uploading it', async () => {
    render(<ImportPage />);

    await pickFile('名册.xls');

    expect(await screen.findByText(/请选择 .xlsx 格式的表格/)).toBeInTheDocument();
    expect(taroMock.uploadFile).not.toHaveBeenCalled();
  });

  it('shows the import errors the server found at commit time', async () => {
    taroMock.uploadFile
      .mockResolvedValueOnce({ statusCode: 200, data: JSON.stringify(report()) })
      .mockResolvedValueOnce({
        statusCode: 422,
        data: JSON.stringify({
          code: ErrorCode.IMPORT_INVALID,
          message: '表格中有填写错误，请按提示逐条修改后重新导入，本次未导入任何数据',
          details: [{ row: 2, column: '身份证号', code: 'duplicate_on_roster', message: '该身份证号码已在党员名册中' }],
        }),
      });
    render(<ImportPage />);

    await pickFile();
    fireEvent.click(await screen.findByText('导入 3 名党员'));

    expect(await screen.findByText('该身份证号码已在党员名册中')).toBeInTheDocument();
    expect(byId('import-error')).toHaveTextContent('本次未导入任何数据');
    expect(byId('import-commit')).toHaveClass('big-button--inactive');
  });
});
