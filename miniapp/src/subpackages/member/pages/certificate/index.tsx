import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { CERTIFICATE_STATE_LABELS, ErrorCode, type CertificateView } from '@pioneer/shared';
import { BigButton } from '../../../../components/big-button';
import { InfoRow } from '../../../../components/info-row';
import { QrCode } from '../../../../components/qr-code';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { fetchMyCurrentFlow } from '../../../../services/flows';
import { ApiError } from '../../../../services/http';
import { fetchCertificate } from '../../../../services/outflow';
import { useLivePersonalCode } from './live-personal-code';
import '../../member.css';

const QR_SIZE = 240;

/** The certificate of the flow asked for, or of the member's current flow; null when there is none yet. */
async function loadCertificate(flowId: string | undefined): Promise<CertificateView | null> {
  const id = flowId || (await fetchMyCurrentFlow())?.id;
  if (!id) return null;
  try {
    return await fetchCertificate(id);
  } catch (error) {
    if (error instanceof ApiError && error.code === ErrorCode.FLOW_CERTIFICATE_NOT_ISSUED) return null;
    throw error;
  }
}

/**
 * 流动党员活动证: the electronic certificate the home branch issues with its approval. The QR is the
 * member's personal code (先锋码), which changes every half minute and holds no name, ID or phone:
 * a branch that scans it can record the member's arrival or attendance.
 */
export default function CertificatePage() {
  const session = useRequiredSession();
  const flowId = useRouter().params.flowId;
  const memberId = session?.account.memberId ?? null;
  const { state, reload } = useLoader(() => loadCertificate(flowId), `${flowId ?? ''}|${memberId ?? ''}`, {
    auto: session !== null,
  });
  const personal = useLivePersonalCode(memberId);

  if (!session || state.status === 'loading') return <LoadingView id="certificate-loading" />;
  if (state.status === 'failed')
    return (
      <View className="page">
        <ErrorView id="certificate-error" message={state.message} onRetry={reload} />
      </View>
    );
  const cert = state.data;
  if (!cert)
    return (
      <View className="page">
        <EmptyState
          id="certificate-empty"
          title="还没有流动党员活动证"
          description="外出前请先报告外出，支部批准后即可在这里出示活动证。"
        />
        <BigButton id="certificate-report" onClick={() => navigate.to(Routes.memberReport)}>
          报告外出
        </BigButton>
      </View>
    );

  const valid = cert.state === 'valid';
  // A secretary opening a member's certificate must not see their own code in its place.
  const own = memberId !== null && memberId === cert.memberId;
  return (
    <View className="page">
      <View className="card certificate" id="certificate">
        <Text className="title">流动党员活动证</Text>
        <Text className={valid ? 'status-badge' : 'error-text'} id="certificate-state">
          {CERTIFICATE_STATE_LABELS[cert.state]}
        </Text>
        <View className="section">
          <InfoRow id="certificate-name" label="姓名" value={cert.memberName} />
          <InfoRow id="certificate-branch" label="所在党支部" value={cert.sendingBranchName} />
          <InfoRow id="certificate-no" label="证件编号" value={cert.certificateNo} />
          <InfoRow id="certificate-issued" label="发证日期" value={cert.issuedOn} />
          <InfoRow id="certificate-valid" label="有效期" value={`${cert.validFrom} 至 ${cert.validUntil}`} />
        </View>
        <Text className="hint" id="certificate-trail">
          {cert.sendingTrail.join(' / ')}
        </Text>
        {valid && own && personal.code ? (
          <View className="personal-code__qr section" id="certificate-code">
            <QrCode id="certificate-qr" text={personal.code} size={QR_SIZE} />
            <Text className="hint">{`我的先锋码，${personal.secondsLeft ?? 0} 秒后自动更新。请当面出示给党组织工作人员扫码。`}</Text>
          </View>
        ) : null}
        {valid && own && !personal.code ? (
          <Text className="hint section" id="certificate-code-missing">
            先锋码需要联网获取一次，请联网后重新打开本页。
          </Text>
        ) : null}
      </View>
      {!valid ? (
        <Text className="hint" id="certificate-invalid-hint">
          活动证已失效或过期。如仍在外地，请重新报告外出。
        </Text>
      ) : null}
    </View>
  );
}
