import { Image, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { BranchCodeView, OrgView } from '@pioneer/shared';
import { BigButton } from '../../../../components/big-button';
import { QrCode } from '../../../../components/qr-code';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { downloadBranchWxacode, fetchBranchCode } from '../../../../services/activities';
import { BranchChoiceBar, useBranchChoice } from '../../components/branch-choice';
import { PosterButton } from '../../components/poster-button';
import '../../secretary.css';

/** On a phone screen the code is shown about 250pt wide: enough to scan from another phone. */
const QR_SIZE_PX = 260;

function codeTypeText(code: BranchCodeView): string {
  return code.codeType === 'wechat_mini_program'
    ? '海报上印的是微信小程序码：党员用微信“扫一扫”即可直接进入报到页面。'
    : '当前使用普通二维码（尚未配置微信小程序码）：党员用微信“扫一扫”会打开网页版报到页面，在小程序“扫码”里扫也可以。';
}

/**
 * The mini-program code WeChat drew for the branch. It is downloaded with the login first: an
 * <Image> cannot send the token. Long-press saves or forwards it on weapp.
 */
function MiniProgramCode({ orgId }: { orgId: string }) {
  const { state, reload } = useLoader(() => downloadBranchWxacode(orgId), orgId);
  if (state.status === 'loading') return <LoadingView id="branch-code-wxacode-loading" text="正在获取小程序码…" />;
  if (state.status === 'failed')
    return <ErrorView id="branch-code-wxacode-error" message={state.message} onRetry={reload} />;
  return (
    <Image
      id="branch-code-wxacode"
      src={state.data}
      mode="aspectFit"
      showMenuByLongpress
      style={{ width: `${QR_SIZE_PX}px`, height: `${QR_SIZE_PX}px` }}
    />
  );
}

function BranchCode({ branch }: { branch: OrgView }) {
  const { state, reload } = useLoader(() => fetchBranchCode(branch.id), branch.id);
  if (state.status === 'loading') return <LoadingView id="branch-code-loading" />;
  if (state.status === 'failed') return <ErrorView id="branch-code-error" message={state.message} onRetry={reload} />;
  const code = state.data;
  return (
    <View>
      <View className="card" id="branch-code">
        <Text className="title" id="branch-code-name">
          {code.branchName}
        </Text>
        <Text className="hint">流入本地的党员扫这个码，向本支部报到。</Text>
        <View className="qr-box">
          {code.codeType === 'wechat_mini_program' ? (
            <MiniProgramCode orgId={code.branchId} />
          ) : (
            <QrCode id="branch-code-qr" text={code.link} size={QR_SIZE_PX} />
          )}
        </View>
        <Text className="hint">扫不了码时，请党员在小程序“扫码”页输入报到码：</Text>
        <Text className="code-big" id="branch-code-fallback">
          {code.fallbackCodeGrouped}
        </Text>
        <Text className="hint" id="branch-code-type">
          {codeTypeText(code)}
        </Text>
        <Text className="hint">{`签名密钥第 ${code.keyVersion} 版。密钥更换后请重新下载、张贴海报。`}</Text>
      </View>
      <View className="card" id="branch-code-posters">
        <Text className="subtitle">下载海报</Text>
        <Text className="hint">打印后张贴在党群服务中心、商会、园区门口等党员常去的地方。</Text>
        <PosterButton id="branch-code-png" orgId={code.branchId} format="png" fileName={`${code.branchName}报到码.png`}>
          下载海报图片（PNG）
        </PosterButton>
        <PosterButton id="branch-code-pdf" orgId={code.branchId} format="pdf" fileName={`${code.branchName}报到码.pdf`}>
          下载打印版（PDF）
        </PosterButton>
      </View>
      <BigButton
        id="branch-code-scan-member"
        kind="plain"
        onClick={() => navigate.to(Routes.secretaryScanMember, { branchId: code.branchId })}
      >
        党员不便扫码？扫他的个人码代为报到
      </BigButton>
    </View>
  );
}

/** 本支部先锋码: the branch's arrival code, its typed fallback and the posters (?orgId=, default the caller's branch). */
export default function BranchCodePage() {
  const session = useRequiredSession();
  const choice = useBranchChoice(useRouter().params.orgId);

  if (!session) return <LoadingView />;

  return (
    <View className="page">
      <BranchChoiceBar id="branch-code-branches" choice={choice} />
      {choice.current ? <BranchCode key={choice.current.id} branch={choice.current} /> : null}
    </View>
  );
}
