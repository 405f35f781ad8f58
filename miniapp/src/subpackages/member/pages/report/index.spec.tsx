import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, FlowRoutes, OutflowRoutes } from '@pioneer/shared';
import { callsTo, fakeApi, type SentCall } from '../../../../../test/api';
import { makeFlowListItem, makeFlowSendingView, makeSession } from '../../../../../test/factories';
import { makeFlowSelfView } from '../../../../../test/outflow-factories';
import { failure, ok, type FakeResponse } from '../../../../../test/responses';
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
  await typeInto('report-phone', '13912345678');
}

/** No flow yet, then whatever `more` answers. */
function noFlowYet(more: (call: SentCall) => FakeResponse | undefined = () => undefined) {
  fakeApi((call) => (call.method === 'GET' && call.path === FlowRoutes.list ? ok({ items: [] }) : more(call)));
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession()));
});

describe('ReportOutflowPage', () => {
  it('sends the report and tells the member what happens next', async () => {
    noFlowYet((call) =>
      call.method === 'POST' && call.path === FlowRoutes.report
        ? ok(makeFlowSendingView({ status: 'reported', sendingBranchName: '东王庄村党支部' }), 201)
        : undefined,
    );
    render(<ReportOutflowPage />);
    await screen.findByText('报告外出');

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
      contactPhone: '13912345678',
    });
    fireEvent.click(screen.getByText('回到首页'));
    expect(taroMock.reLaunch).toHaveBeenCalledWith({ url: Routes.home });
  });

  it('shows the server message when a flow is already open', async () => {
    noFlowYet((call) => (call.path === FlowRoutes.report ? failure(ErrorCode.FLOW_ALREADY_OPEN) : undefined));
    render(<ReportOutflowPage />);
    await screen.findByText('报告外出');

    await fillForm();
    fireEvent.click(screen.getByText('提交外出报告'));

    expect(await screen.findByText('该党员已有进行中的流动记录')).toBeInTheDocument();
    await waitFor(() => expect(byId('report-submit')).toHaveTextContent('提交外出报告'));
  });

  it('asks for what is missing before sending anything', async () => {
    noFlowYet();
    render(<ReportOutflowPage />);
    await screen.findByText('报告外出');

    await typeInto('report-address', '江苏省太仓市');
    fireEvent.click(screen.getByText('提交外出报告'));

    expect(await screen.findByText('请填写或选择从事的行业')).toBeInTheDocument();
    expect(callsTo('POST', FlowRoutes.report)).toEqual([]);
  });

  it('shows the branch’s comment on a report sent back, with the report to edit, and resends it', async () => {
    const listed = makeFlowListItem({ side: 'self', status: 'changes_requested' });
    const sentBack = makeFlowSelfView({
      id: listed.id,
      status: 'changes_requested',
      version: 2,
      destinationAddress: '江苏省太仓市',
      changesRequested: { comment: '请补充具体工作地址', at: '2025-02-21T02:00:00.000Z' },
    });
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === FlowRoutes.list) return ok({ items: [listed] });
      if (call.method === 'GET' && call.path === `/api/flows/${listed.id}`) return ok(sentBack);
      if (call.method === 'PUT' && call.path === OutflowRoutes.resubmit.replace(':id', listed.id))
        return ok({ ...sentBack, status: 'reported', version: 3, changesRequested: null });
      return undefined;
    });
    render(<ReportOutflowPage />);

    expect(await screen.findByText('请补充具体工作地址')).toBeInTheDocument();
    expect(byId('report-address')).toHaveValue('江苏省太仓市');
    fireEvent.click(screen.getByText('重新提交外出报告'));
    expect(await screen.findByText('请填写外出期间能联系到您的手机号')).toBeInTheDocument();

    await typeInto('report-address', '江苏省太仓市璜泾镇长江路 8 号');
    await typeInto('report-phone', '13912345678');
    fireEvent.click(screen.getByText('重新提交外出报告'));

    expect(await screen.findByText('修改后的外出报告已提交')).toBeInTheDocument();
    const [sent] = callsTo('PUT', OutflowRoutes.resubmit.replace(':id', listed.id));
    expect(sent.data).toMatchObject({
      destinationAddress: '江苏省太仓市璜泾镇长江路 8 号',
      contactPhone: '13912345678',
      expectedVersion: 2,
    });
    expect(callsTo('POST', FlowRoutes.report)).toEqual([]);
  });

  it('shows where an approved report stands, with the certificate and return registration', async () => {
    const listed = makeFlowListItem({ side: 'self', status: 'approved' });
    fakeApi((call) => {
      if (call.path === FlowRoutes.list) return ok({ items: [listed] });
      if (call.path === `/api/flows/${listed.id}`)
        return ok(makeFlowSelfView({ id: listed.id, status: 'approved', certificateNo: 'LD-2025-0000042' }));
      return undefined;
    });
    render(<ReportOutflowPage />);

    expect(await screen.findByText('已批准外出，尚未报到')).toBeInTheDocument();
    expect(byId('report-certificate-no')).toHaveTextContent('LD-2025-0000042');
    fireEvent.click(screen.getByText('出示流动党员活动证'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.memberCertificate}?flowId=${listed.id}` });
    fireEvent.click(screen.getByText('返乡登记'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.memberReturn}?flowId=${listed.id}` });
  });

  it('offers a retry when the current flow does not load', async () => {
    fakeApi((call) => (call.path === FlowRoutes.list ? failure(ErrorCode.INTERNAL_ERROR) : undefined));
    render(<ReportOutflowPage />);
    expect(await screen.findByText('系统出现问题，请稍后再试')).toBeInTheDocument();
    expect(screen.queryByText('提交外出报告')).not.toBeInTheDocument();
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
    contactPhone: '13912345678',
  };

  it.each([
    [{ contactPhone: '' }, '请填写外出期间能联系到您的手机号'],
    [{ contactPhone: '0391-1234567' }, '手机号是 11 位数字，请核对'],
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
      contactPhone: '13912345678',
      contactNote: '微信 wang88',
    });
  });
});
