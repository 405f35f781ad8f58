import { act, fireEvent, render, screen } from '@testing-library/react';
import { makeActivityView, makeCheckinView } from '../../../../../test/activity-factories';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { ok } from '../../../../../test/responses';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { sessionStore } from '../../../../stores/session';
import ScanMemberPage from './index';

// As the weapp build: the camera scans.
jest.mock('../../../../platform/capabilities', () => ({ capabilities: { cameraScan: true, wechatLogin: true } }));

const CODE = 'PK7Q2M9XD.1.1kz3a9.x5F0aQm3Lk';
const CHECKIN = '/api/activities/a-1/checkins/by-personal-code';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
  setRouterParams({ activityId: 'a-1' });
  fakeApi((call) => {
    if (call.path === '/api/activities/a-1') return ok(makeActivityView({ id: 'a-1' }));
    if (call.path === CHECKIN) return ok({ repeated: false, checkin: makeCheckinView({ memberName: '王师傅' }) });
    return undefined;
  });
});

describe('ScanMemberPage with a camera', () => {
  it('scans a personal code shown as a scan link and records it', async () => {
    taroMock.scanCode.mockResolvedValue({
      result: `https://pioneer.test/pages/scan/index?scene=${encodeURIComponent(CODE)}`,
      errMsg: 'scanCode:ok',
    });
    render(<ScanMemberPage />);

    fireEvent.click(await screen.findByText('扫党员码'));

    expect(await screen.findByText('王师傅 签到成功')).toBeInTheDocument();
    expect(callsTo('POST', CHECKIN)[0].data).toMatchObject({ code: CODE });
    expect(document.getElementById('scan-member-input')).toBeNull();
  });

  it('does nothing when the secretary closes the camera', async () => {
    taroMock.scanCode.mockRejectedValue({ errMsg: 'scanCode:fail cancel' });
    render(<ScanMemberPage />);

    fireEvent.click(await screen.findByText('扫党员码'));

    expect(await screen.findByText('扫党员码')).toBeInTheDocument();
    expect(document.getElementById('scan-results')).toBeNull();
    expect(callsTo('POST', CHECKIN)).toHaveLength(0);
  });
});
