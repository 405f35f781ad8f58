import { Input, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  GREETING_BODY_MAX,
  GREETING_TEMPLATES,
  GREETING_TITLE_MAX,
  type GreetingTemplateKey,
  type GreetingView,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ConfirmSheet } from '../../../../components/confirm-sheet';
import { LoadingView } from '../../../../components/state-views';
import { useRequiredSession } from '../../../../components/use-required-session';
import { errorMessage } from '../../../../services/http';
import { newClientKey, sendGreeting } from '../../../../services/reports';
import { OrgChoiceBar, useOrgChoice } from '../../../../components/org-choice';
import '../../reports.css';

/** 节日问候: one greeting to every mobile member of the branch (or of the org's subtree). */
export default function GreetingPage() {
  const session = useRequiredSession();
  const choice = useOrgChoice(useRouter().params.orgId);
  const [template, setTemplate] = useState<GreetingTemplateKey | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  // One key per greeting written: a double tap or a retry sends it once.
  const [clientKey, setClientKey] = useState(newClientKey);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<GreetingView | null>(null);

  if (!session) return <LoadingView />;
  const org = choice.current;

  const applyTemplate = (key: GreetingTemplateKey) => {
    const t = GREETING_TEMPLATES.find((x) => x.key === key);
    if (!t) return;
    setTemplate(key);
    setTitle(t.title);
    setBody(t.body);
    setClientKey(newClientKey());
  };

  const send = () => {
    if (!org || busy) return;
    setBusy(true);
    setProblem(null);
    sendGreeting({ orgId: org.id, title: title.trim(), body: body.trim(), clientKey })
      .then((g) => {
        setSent(g);
        setConfirming(false);
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  if (sent) {
    return (
      <View className="page">
        <View className="card" id="greeting-sent">
          <Text className="title">问候已发出</Text>
          <Text className="hint section">{`“${sent.title}”正在送到${sent.orgName}的每一位流动党员的消息里，允许微信提醒的党员还会收到微信通知。`}</Text>
        </View>
      </View>
    );
  }

  return (
    <View className="page">
      <OrgChoiceBar id="greeting-orgs" choice={choice} />
      <View className="card" id="greeting-form">
        <Text className="title">{org ? `以${org.name}的名义问候` : '节日问候'}</Text>
        <Text className="hint">发给本组织全体在外的流动党员。可以先选一个模板再修改。</Text>
        <View className="chips" id="greeting-templates">
          {GREETING_TEMPLATES.map((t) => (
            <View
              key={t.key}
              id={`greeting-template-${t.key}`}
              className={`chip${template === t.key ? ' chip--selected' : ''}`}
              onClick={() => applyTemplate(t.key)}
            >
              <Text>{t.label}</Text>
            </View>
          ))}
        </View>
        <View className="field">
          <Text className="field__label">标题</Text>
          <Input
            id="greeting-title"
            className="field__input"
            maxlength={GREETING_TITLE_MAX}
            value={title}
            onInput={(event) => setTitle(event.detail.value)}
          />
        </View>
        <View className="field">
          <Text className="field__label">问候内容</Text>
          <Textarea
            id="greeting-body"
            className="reports-textarea reports-textarea--short"
            maxlength={GREETING_BODY_MAX}
            value={body}
            onInput={(event) => setBody(event.detail.value)}
          />
        </View>
        <BigButton
          id="greeting-send"
          size="huge"
          disabled={!org || !title.trim() || !body.trim()}
          onClick={() => setConfirming(true)}
        >
          发送问候
        </BigButton>
      </View>
      {confirming ? (
        <ConfirmSheet
          id="greeting-confirm"
          title="确认发送"
          message={`发给${org?.name ?? ''}的全体流动党员，发出后不能撤回。`}
          confirmText="发送"
          busy={busy}
          problem={problem}
          onConfirm={send}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </View>
  );
}
