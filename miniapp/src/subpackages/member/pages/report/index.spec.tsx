import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, FlowRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeFlowSendingView, makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import ReportOutflowPage from './index';
import { EMPTY_REPORT_FORM, reportRequestFrom } from './report-form';

function pickDate(id: string, value: string) {
  fireEvent.change(byId(id), { target: { value } });
}

async function fillForm() {
  await typeInto('report-address', '江苏省苏州市太仓市璜泾镇');
  fireEvent.click(screen.getByText('交通运输'));
  await typeInto('report-occupation', '货车司机');
  await typeInto('report-employer', '个体');
  pickDate('report-from', '2025-03-01');
  pickDate('report-until', '2025-12-31');
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession()));
});

describe('ReportOutflowPage', () => {
  it('sends the report and tells the member what happens next', async () => {
    fakeApi((call) =>
      call.method === 'POST' && call.path === FlowRoutes.report
        ? ok(makeFlowSendingView({ status: 'reported', sendingBranchName: '东王庄村党支部' }), 201)
        : undefined,
    );
    render(<ReportOutflowPage />);

    await fillForm();
    fireEvent.click(screen.getByText('提交外出报告'));

    expect(await screen.findByText('外出报告已提交')).toBeInTheDocument();
    expect(byId('report-done-status')).toHaveTextContent('已报告外出，待审批');
    expect(callsTo('POST', FlowRoutes.report)[0].data).toEqual({
      destinationAddress: '江苏省苏州市太仓市璜泾镇',
      industry: '交通运输',
      occupation: '货车司机',
      employer: '个体',
      expectedFrom: '2025-03-01',
      expectedUntil: '2025-12-31',
    });
    fireEvent.click(screen.getByText('回到首页'));
    expect(taroMock.reLaunch).toHaveBeenCalledWith({ url: Routes.home });
  });

  it('shows the server message when a flow is already open', async () => {
    fakeApi((call) => (call.path === FlowRoutes.report ? failure(ErrorCode.FLOW_ALREADY_OPEN) : undefined));
    render(<ReportOutflowPage />);

    await fillForm();
    fireEvent.click(screen.getByText('提交外出报告'));

    expect(await screen.findByText('该党员已有进行中的流动记录')).toBeInTheDocument();
    await waitFor(() => expect(byId('report-submit')).toHaveTextContent('提交外出报告'));
  });

  it('asks for what is missing before sending anything', async () => {
    render(<ReportOutflowPage />);

    await typeInto('report-address', '江苏省太仓市');
    fireEvent.click(screen.getByText('提交外出报告'));

    expect(await screen.findByText('请填写或选择从事的行业')).toBeInTheDocument();
    expect(taroMock.request).not.toHaveBeenCalled();
  });
});

describe(reportRequestFrom.name, () => {
  const filled = {
    ...EMPTY_REPORT_FORM,
    destinationAddress: ' 太仓 ',
    industry: '建筑装修',
    occupation: '电工',
    employer: '个体',
    expectedFrom: '2025-03-01',
    expectedUntil: '2025-06-30',
  };

  it.each([
    [{ expectedUntil: '2025-02-28' }, '预计返回日期不能早于外出日期'],
    [{ expectedFrom: '' }, '请选择预计外出日期'],
    [{ destinationRegionCode: '3205' }, '地区代码是 6 位数字，不清楚可以不填'],
    [{ employer: '  ' }, '请填写工作单位，个体经营请填“个体”'],
  ])('refuses %j with “%s”', (change, message) => {
    expect(reportRequestFrom({ ...filled, ...change })).toBe(message);
  });

  it('trims text and sends the optional fields only when filled', () => {
    expect(reportRequestFrom({ ...filled, destinationRegionCode: '320585', contactNote: ' 微信 wang88 ' })).toEqual({
      destinationAddress: '太仓',
      destinationRegionCode: '320585',
      industry: '建筑装修',
      occupation: '电工',
      employer: '个体',
      expectedFrom: '2025-03-01',
      expectedUntil: '2025-06-30',
      contactNote: '微信 wang88',
    });
  });
});
