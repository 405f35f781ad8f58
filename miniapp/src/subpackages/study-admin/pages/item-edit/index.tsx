import { Input, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  STUDY_ITEM_DEFAULTS,
  STUDY_ITEM_KINDS,
  STUDY_ITEM_KIND_LABELS,
  STUDY_TITLE_MAX,
  type StudyItemKind,
  type StudyPackView,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { StudyArticle } from '../../../../components/study-article';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, showToast } from '../../../../platform';
import { errorMessage } from '../../../../services/http';
import { addPackItem, fetchPack, updatePackItem } from '../../../../services/study';
import { QuizEditor } from '../../components/quiz-editor';
import { EMPTY_ITEM_FORM, itemFormFrom, itemInputFrom, type ItemForm } from '../../item-form';
import '../../study-admin.css';

const URL_HINTS: Record<Exclude<StudyItemKind, 'article'>, string> = {
  audio: '音频文件的 https 链接（mp3、m4a），党员在小程序里直接收听',
  video_link: '视频的 https 链接；小程序里会复制链接，请党员在浏览器中打开',
  pdf_link: 'PDF 文件的 https 链接，党员在手机上打开阅读',
};

function ItemFormCard({ pack, itemId }: { pack: StudyPackView; itemId: string }) {
  const existing = pack.items.find((item) => item.id === itemId) ?? null;
  const editable = pack.status === 'draft';
  const [form, setForm] = useState<ItemForm>(() => (existing ? itemFormFrom(existing) : EMPTY_ITEM_FORM));
  const [preview, setPreview] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof ItemForm>(key: K, value: ItemForm[K]) =>
    setForm((before) => ({ ...before, [key]: value }));
  const defaults = STUDY_ITEM_DEFAULTS[form.kind];

  const save = () => {
    const input = itemInputFrom(form);
    if (typeof input === 'string') {
      setProblem(input);
      return;
    }
    setBusy(true);
    setProblem(null);
    (existing ? updatePackItem(pack.id, existing.id, input) : addPackItem(pack.id, input))
      .then(() => {
        showToast('已保存', 'success');
        navigate.back();
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id="item-form">
      <Text className="title">{existing ? (editable ? '修改学习内容' : '查看学习内容') : '添加学习内容'}</Text>
      <Text className="hint">{`《${pack.title}》`}</Text>
      <View className="field section">
        <Text className="field__label">内容类型</Text>
        <View className="chips" id="item-kind">
          {STUDY_ITEM_KINDS.map((kind) => (
            <View
              key={kind}
              id={`item-kind-${kind}`}
              className={`chip${form.kind === kind ? ' chip--selected' : ''}`}
              aria-selected={form.kind === kind ? 'true' : 'false'}
              onClick={() => set('kind', kind)}
            >
              <Text>{STUDY_ITEM_KIND_LABELS[kind]}</Text>
            </View>
          ))}
        </View>
      </View>
      <View className="field">
        <Text className="field__label">标题</Text>
        <Input
          id="item-title"
          className="field__input"
          placeholder="如：学习《中国共产党章程》总纲"
          maxlength={STUDY_TITLE_MAX}
          value={form.title}
          onInput={(event) => set('title', event.detail.value)}
        />
      </View>
      {form.kind === 'article' ? (
        <View className="field">
          <Text className="field__label">正文</Text>
          <Text className="hint">
            可以直接粘贴文字，也可以用 HTML（段落、加粗、标题、https 图片）。脚本等不安全的内容会被去掉。
          </Text>
          <Textarea
            id="item-body"
            className="field__textarea field__textarea--body"
            placeholder="<p>正文第一段</p>"
            maxlength={-1}
            value={form.body}
            onInput={(event) => set('body', event.detail.value)}
          />
          <BigButton id="item-preview-toggle" kind="plain" onClick={() => setPreview(!preview)}>
            {preview ? '收起预览' : '预览党员看到的样子'}
          </BigButton>
          {preview ? (
            <View className="preview" id="item-preview">
              <StudyArticle id="item-preview-article" html={form.body} />
            </View>
          ) : null}
        </View>
      ) : (
        <View className="field">
          <Text className="field__label">链接</Text>
          <Input
            id="item-url"
            className="field__input"
            placeholder="https://"
            value={form.url}
            onInput={(event) => set('url', event.detail.value)}
          />
          <Text className="hint">{URL_HINTS[form.kind]}</Text>
        </View>
      )}
      <View className="number-row">
        <View className="field">
          <Text className="field__label">至少学（分钟）</Text>
          <Input
            id="item-min-minutes"
            className="field__input"
            type="digit"
            placeholder={`默认 ${defaults.minSeconds / 60}`}
            value={form.minMinutes}
            onInput={(event) => set('minMinutes', event.detail.value)}
          />
        </View>
        <View className="field">
          <Text className="field__label">每天上限（分钟）</Text>
          <Input
            id="item-cap-minutes"
            className="field__input"
            type="digit"
            placeholder={`默认 ${defaults.capSeconds / 60}`}
            value={form.capMinutes}
            onInput={(event) => set('capMinutes', event.detail.value)}
          />
        </View>
      </View>
      <View className="field">
        <Text className="field__label">测验（选填）</Text>
        <QuizEditor quiz={form.quiz} onChange={(quiz) => set('quiz', quiz)} />
      </View>
      {problem ? (
        <Text className="error-text" id="item-form-problem">
          {problem}
        </Text>
      ) : null}
      {editable ? (
        <BigButton id="item-save" busy={busy} busyText="正在保存…" onClick={save}>
          保存
        </BigButton>
      ) : (
        <Text className="hint">已排期或已发布的学习礼包不能再修改内容。</Text>
      )}
    </View>
  );
}

/** Adds an item to a pack (?packId=) or changes one (&itemId=): text, link, times and quiz. */
export default function StudyItemEditPage() {
  const session = useRequiredSession();
  const { params } = useRouter();
  const packId = params.packId ?? '';
  const itemId = params.itemId ?? '';
  const pack = useLoader(() => fetchPack(packId), packId, { auto: packId !== '' });

  if (!session) return <LoadingView />;
  if (!packId) return <ErrorView id="item-form-error" message="请从学习礼包页面进入" />;
  const { state } = pack;
  return (
    <View className="page">
      {state.status === 'loading' ? <LoadingView id="item-form-loading" /> : null}
      {state.status === 'failed' ? (
        <ErrorView id="item-form-error" message={state.message} onRetry={pack.reload} />
      ) : null}
      {state.status === 'ready' ? (
        itemId && !state.data.items.some((item) => item.id === itemId) ? (
          <ErrorView id="item-form-error" message="这项内容已经不在学习礼包里了" />
        ) : (
          <ItemFormCard pack={state.data} itemId={itemId} />
        )
      ) : null}
    </View>
  );
}
