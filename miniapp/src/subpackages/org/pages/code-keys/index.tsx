import { Text, View } from '@tarojs/components';
import { CODE_KEY_PURPOSES, Role, type CodeKeyPurpose, type CodeKeyView } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ConfirmSheet } from '../../../../components/confirm-sheet';
import { formatDateTime } from '../../../../components/format';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { showToast } from '../../../../platform';
import { errorMessage } from '../../../../services/http';
import { listCodeKeys, revokeCodeKey, rotateCodeKey } from '../../../../services/activities';
import { hasAnyRole } from '../../../../stores/session';
import './index.css';

const PURPOSE_TEXT: Record<CodeKeyPurpose, { title: string; description: string; rotate: string }> = {
  branch: {
    title: '支部报到码',
    description: '签发各党支部海报上的报到码和手输报到码。',
    rotate: '生成新版本后，新下载的海报使用新密钥；已张贴的旧海报仍然有效，直到停用旧版本。',
  },
  personal: {
    title: '党员个人码',
    description: '党员手机上“我的先锋码”用它生成，书记扫码代为签到、报到时校验。',
    rotate: '生成新版本后，党员手机联网时会换用新密钥；旧版本仍然有效，直到停用。',
  },
};

type Asking =
  { action: 'rotate'; purpose: CodeKeyPurpose } | { action: 'revoke'; purpose: CodeKeyPurpose; version: number };

function keyState(key: CodeKeyView): { label: string; className: string } {
  if (key.revokedAt) return { label: `已停用（${formatDateTime(key.revokedAt)}）`, className: 'key-state--revoked' };
  if (key.current) return { label: '当前使用', className: 'key-state--current' };
  return { label: '旧版本，仍有效', className: 'key-state--valid' };
}

function PurposeCard({
  purpose,
  keys,
  onAsk,
}: {
  purpose: CodeKeyPurpose;
  keys: CodeKeyView[];
  onAsk: (asking: Asking) => void;
}) {
  const text = PURPOSE_TEXT[purpose];
  const sorted = [...keys].sort((a, b) => b.version - a.version);
  return (
    <View className="card" id={`keys-${purpose}`}>
      <Text className="subtitle">{text.title}</Text>
      <Text className="hint">{text.description}</Text>
      {sorted.length === 0 ? <Text className="hint section">还没有密钥，服务器首次签发时会自动生成。</Text> : null}
      {sorted.map((key) => {
        const state = keyState(key);
        return (
          <View key={key.version} className="key-row" id={`key-${purpose}-${key.version}`}>
            <View className="key-row__head">
              <Text className="text">{`第 ${key.version} 版`}</Text>
              <Text className={`key-state ${state.className}`}>{state.label}</Text>
            </View>
            <Text className="hint">{`生成于 ${formatDateTime(key.createdAt)}`}</Text>
            {!key.current && !key.revokedAt ? (
              <BigButton
                id={`key-${purpose}-${key.version}-revoke`}
                kind="plain"
                onClick={() => onAsk({ action: 'revoke', purpose, version: key.version })}
              >
                {`停用第 ${key.version} 版`}
              </BigButton>
            ) : null}
          </View>
        );
      })}
      <BigButton id={`keys-${purpose}-rotate`} kind="secondary" onClick={() => onAsk({ action: 'rotate', purpose })}>
        生成新版本
      </BigButton>
    </View>
  );
}

/** 签名密钥 (system admins): each purpose's key versions; rotate to a new one, revoke an old one. */
export default function CodeKeysPage() {
  const session = useRequiredSession();
  const allowed = session ? hasAnyRole(session.account, [Role.SYSTEM_ADMIN]) : false;
  const { state, reload, setData } = useLoader(listCodeKeys, '', { auto: allowed });
  const [asking, setAsking] = useState<Asking | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (!session) return <LoadingView />;
  if (!allowed) {
    return (
      <View className="page">
        <EmptyState id="keys-forbidden" title="没有访问权限" description="签名密钥只有系统管理员可以管理。" />
      </View>
    );
  }

  const close = () => {
    setAsking(null);
    setProblem(null);
  };

  const confirm = (what: Asking) => {
    setBusy(true);
    setProblem(null);
    const done = what.action === 'rotate' ? rotateCodeKey(what.purpose) : revokeCodeKey(what.purpose, what.version);
    done
      .then((keys) => {
        close();
        showToast(what.action === 'rotate' ? '已生成新版本' : '已停用', 'success');
        setData(keys);
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="page">
      <View className="card">
        <Text className="title">流动先锋码签名密钥</Text>
        <Text className="hint">二维码里带有用密钥算出的校验码，防止伪造。怀疑密钥泄露时生成新版本，并停用旧版本。</Text>
      </View>
      {state.status === 'loading' ? <LoadingView id="keys-loading" /> : null}
      {state.status === 'failed' ? <ErrorView id="keys-error" message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready'
        ? CODE_KEY_PURPOSES.map((purpose) => (
            <PurposeCard
              key={purpose}
              purpose={purpose}
              keys={state.data.filter((key) => key.purpose === purpose)}
              onAsk={setAsking}
            />
          ))
        : null}
      {asking?.action === 'rotate' ? (
        <ConfirmSheet
          id="keys-confirm"
          title={`为${PURPOSE_TEXT[asking.purpose].title}生成新版本？`}
          message={PURPOSE_TEXT[asking.purpose].rotate}
          confirmText="生成新版本"
          busy={busy}
          problem={problem}
          onConfirm={() => confirm(asking)}
          onCancel={close}
        />
      ) : null}
      {asking?.action === 'revoke' ? (
        <ConfirmSheet
          id="keys-confirm"
          title={`停用${PURPOSE_TEXT[asking.purpose].title}第 ${asking.version} 版？`}
          message={
            asking.purpose === 'branch'
              ? `停用后，用第 ${asking.version} 版签发的报到码（包括已张贴的海报和手输报到码）会立即失效，扫码会提示“二维码已停用”。请先重新下载、张贴海报。此操作不能撤销。`
              : `停用后，用第 ${asking.version} 版生成的党员个人码会立即失效，党员手机联网后会自动换用新版本。此操作不能撤销。`
          }
          confirmText="确认停用"
          busy={busy}
          problem={problem}
          onConfirm={() => confirm(asking)}
          onCancel={close}
        />
      ) : null}
    </View>
  );
}
