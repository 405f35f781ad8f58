import { act, render, screen } from '@testing-library/react';
import { CheckinRoutes, ErrorCode, FlowRoutes, OutflowRoutes } from '@pioneer/shared';
import { fakeApi } from '../../../../../test/api';
import { makeAccount, makeFlowListItem, makeSession } from '../../../../../test/factories';
import { makePersonalCodeKey } from '../../../../../test/member-factories';
import { makeCertificate } from '../../../../../test/outflow-factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import CertificatePage from './index';

const certificatePath = (flowId: string) => OutflowRoutes.certificate.replace(':id', flowId);

function logIn(memberId: string | null) {
  act(() => sessionStore.set(makeSession({ account: makeAccount({ id: 'acc-1', memberId }) })));
}

beforeEach(() => {
  sessionStore.clear();
});

describe('CertificatePage', () => {
  it('shows the member’s certificate with their live personal code, and no ID number or phone', async () => {
    logIn('m-1');
    setRouterParams({ flowId: 'flow-1' });
    fakeApi((call) => {
      if (call.path === certificatePath('flow-1')) return ok(makeCertificate());
      if (call.path === CheckinRoutes.personalCodeKey) return ok(makePersonalCodeKey());
      return undefined;
    });
    render(<CertificatePage />);

    expect(await screen.findByText('LD-2025-0000042')).toBeInTheDocument();
    expect(byId('certificate-name')).toHaveTextContent('王师傅');
    expect(byId('certificate-branch')).toHaveTextContent('东王庄村党支部');
    expect(byId('certificate-valid')).toHaveTextContent('2025-02-21 至 2025-12-31');
    expect(byId('certificate-state')).toHaveTextContent('有效');
    await screen.findByText(/我的先锋码/);
    expect(byId('certificate-qr').getAttribute('data-qr-text')).toMatch(/^PK7Q2M9XD\./);
    expect(document.body.textContent).not.toMatch(/1[3-9]\d{9}|\d{17}[\dX]/);
  });

  it('finds the current flow when opened without one, and says when nothing was issued yet', async () => {
    logIn('m-1');
    setRouterParams({});
    const listed = makeFlowListItem({ side: 'self', status: 'reported' });
    fakeApi((call) => {
      if (call.path === FlowRoutes.list) return ok({ items: [listed] });
      if (call.path === certificatePath(listed.id)) return failure(ErrorCode.FLOW_CERTIFICATE_NOT_ISSUED);
      return undefined;
    });
    render(<CertificatePage />);
    expect(await screen.findByText('还没有流动党员活动证')).toBeInTheDocument();
  });

  it('never shows the viewer’s own code on someone else’s certificate', async () => {
    logIn('m-secretary');
    setRouterParams({ flowId: 'flow-1' });
    fakeApi((call) => {
      if (call.path === certificatePath('flow-1')) return ok(makeCertificate({ memberId: 'm-other' }));
      if (call.path === CheckinRoutes.personalCodeKey) return ok(makePersonalCodeKey());
      return undefined;
    });
    render(<CertificatePage />);
    expect(await screen.findByText('LD-2025-0000042')).toBeInTheDocument();
    expect(document.getElementById('certificate-qr')).toBeNull();
  });

  it('marks a certificate whose flow ended as no longer valid', async () => {
    logIn('m-1');
    setRouterParams({ flowId: 'flow-1' });
    fakeApi((call) =>
      call.path === certificatePath('flow-1')
        ? ok(makeCertificate({ state: 'revoked', flowStatus: 'returned' }))
        : undefined,
    );
    render(<CertificatePage />);
    expect(await screen.findByText('已失效（流动已结束）')).toBeInTheDocument();
    expect(document.getElementById('certificate-qr')).toBeNull();
  });

  it('offers a retry when the certificate does not load', async () => {
    logIn('m-1');
    setRouterParams({ flowId: 'flow-1' });
    fakeApi((call) => (call.path === certificatePath('flow-1') ? failure(ErrorCode.INTERNAL_ERROR) : undefined));
    render(<CertificatePage />);
    expect(await screen.findByText('系统出现问题，请稍后再试')).toBeInTheDocument();
  });
});
