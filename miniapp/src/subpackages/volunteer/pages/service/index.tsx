import { Input, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { RATING_COMMENT_MAX, type ServiceView } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ConfirmSheet } from '../../../../components/confirm-sheet';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { capabilities, navigate, scanCode, showToast } from '../../../../platform';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import { cancelService, confirmService, fetchService, scanService } from '../../../../services/volunteer';
import { ServiceSummary } from '../../components/service-summary';
import { StarRating } from '../../components/stars';
import { personalCodeIn } from '../../personal-code';
import '../../volunteer.css';

const NOT_PERSONAL = '这不是党员的个人先锋码，请让志愿者在小程序“我的”里打开“我的先锋码”再扫';

/** Check-in (scheduled) or check-out (in progress): the camera on weapp, the code typed or pasted on H5. */
function ScanStep({ service, onScanned }: { service: ServiceView; onScanned: (service: ServiceView) => void }) {
  const direction = service.status === 'scheduled' ? 'in' : 'out';
  const word = direction === 'in' ? '签到' : '签退';
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const send = (input: { result: string; path?: string }) => {
    const code = personalCodeIn(input);
    if (!code) {
      setProblem(NOT_PERSONAL);
      return Promise.resolve();
    }
    return scanService(service.id, code, direction).then((changed) => {
      showToast(`${word}成功`, 'success');
      setTyped('');
      onScanned(changed);
    });
  };

  const run = (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    work()
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  const scan = () => run(() => scanCode().then((outcome) => (outcome.kind === 'scanned' ? send(outcome) : undefined)));

  const submitTyped = () => {
    if (!typed.trim()) {
      setProblem('请粘贴或输入志愿者的个人先锋码');
      return;
    }
    run(() => send({ result: typed }));
  };

  return (
    <View className="card" id="service-scan">
      <Text className="subtitle">{`扫志愿者的先锋码${word}`}</Text>
      <Text className="hint">请志愿者在小程序“我的”里打开“我的先锋码”，码每 30 秒更新，请扫最新的。</Text>
      {capabilities.cameraScan ? (
        <BigButton id="service-scan-button" size="huge" busy={busy} busyText="正在登记…" onClick={scan}>
          {`扫码${word}`}
        </BigButton>
      ) : (
        <View id="service-scan-typed">
          <Text className="text">当前浏览器不能扫码，请粘贴或输入志愿者的个人先锋码：</Text>
          <View className="field">
            <Input
              id="service-code-input"
              className="field__input"
              placeholder="个人先锋码，以 P 开头"
              maxlength={64}
              value={typed}
              onInput={(e) => setTyped(e.detail.value)}
              onConfirm={submitTyped}
            />
          </View>
          <BigButton id="service-code-submit" busy={busy} busyText="正在登记…" onClick={submitTyped}>
            {`登记${word}`}
          </BigButton>
        </View>
      )}
      {problem ? (
        <Text className="error-text" id="service-scan-problem">
          {problem}
        </Text>
      ) : null}
    </View>
  );
}

function ConfirmStep({ service, onConfirmed }: { service: ServiceView; onConfirmed: (service: ServiceView) => void }) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    if (rating === 0) {
      setProblem('请先点星星打分');
      return;
    }
    setBusy(true);
    setProblem(null);
    confirmService(service.id, rating, comment.trim() || undefined)
      .then((changed) => {
        showToast('谢谢您的评价', 'success');
        onConfirmed(changed);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id="service-confirm-form">
      <Text className="subtitle">确认服务并评价</Text>
      <Text className="hint">确认后服务时长记入志愿者的积分，确认后不能修改。</Text>
      <StarRating id="service-rating" value={rating} onChange={setRating} />
      <View className="field">
        <Text className="field__label">说几句（选填）</Text>
        <Textarea
          id="service-comment"
          className="field__textarea"
          value={comment}
          maxlength={RATING_COMMENT_MAX}
          placeholder="如：修得很好，很耐心"
          onInput={(e) => setComment(e.detail.value)}
        />
      </View>
      {problem ? (
        <Text className="error-text" id="service-confirm-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton id="service-confirm" busy={busy} busyText="正在提交…" onClick={submit}>
        确认服务完成
      </BigButton>
    </View>
  );
}

/**
 * One service (`?id=`). The recipient scans the member's personal code to check in and out, then
 * confirms and rates; the member is sent to show their code. Either side may call it off before it starts.
 */
export default function ServicePage() {
  const session = useRequiredSession();
  const id = useRouter().params.id ?? '';
  const { state, reload, setData } = useLoader(() => fetchService(id), id);
  const [cancelling, setCancelling] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (!session) return <LoadingView />;
  if (!id) return <ErrorView id="service-error" message="没有指定哪次服务" />;
  if (state.status === 'loading') return <LoadingView id="service-loading" />;
  if (state.status === 'failed') return <ErrorView id="service-error" message={state.message} onRetry={reload} />;
  const service = state.data;
  const recipient = service.role === 'recipient';

  const cancel = () => {
    setBusy(true);
    setProblem(null);
    cancelService(service.id)
      .then((changed) => {
        setCancelling(false);
        setData(changed);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="page">
      <ServiceSummary id="service" service={service} />
      {recipient && (service.status === 'scheduled' || service.status === 'in_progress') ? (
        <ScanStep key={service.status} service={service} onScanned={setData} />
      ) : null}
      {recipient && service.status === 'completed' ? <ConfirmStep service={service} onConfirmed={setData} /> : null}
      {service.status === 'confirmed' ? (
        <Text className="success-text" id="service-done">
          服务已确认，谢谢！
        </Text>
      ) : null}
      {!recipient && (service.status === 'scheduled' || service.status === 'in_progress') ? (
        <BigButton id="service-show-code" onClick={() => navigate.to(Routes.memberPersonalCode)}>
          出示我的先锋码
        </BigButton>
      ) : null}
      {service.status === 'scheduled' ? (
        <BigButton id="service-cancel" kind="plain" onClick={() => setCancelling(true)}>
          取消这次服务
        </BigButton>
      ) : null}
      {cancelling ? (
        <ConfirmSheet
          id="service-cancel-sheet"
          title="取消这次服务？"
          message="取消后对方会收到通知，不能恢复。"
          confirmText="确认取消"
          busy={busy}
          problem={problem}
          onConfirm={cancel}
          onCancel={() => {
            setCancelling(false);
            setProblem(null);
          }}
        />
      ) : null}
    </View>
  );
}
