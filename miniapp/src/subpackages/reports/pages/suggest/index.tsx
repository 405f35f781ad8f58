import { Image, Input, Text, Textarea, View } from '@tarojs/components';
import {
  SUGGESTION_CATEGORIES,
  SUGGESTION_CATEGORY_LABELS,
  SUGGESTION_IMAGES_MAX,
  SUGGESTION_TEXT_MAX,
  SUGGESTION_TITLE_MAX,
  type SuggestionCategory,
  type SuggestionView,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { LoadingView } from '../../../../components/state-views';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import type { PickedFile } from '../../../../platform/files';
import { pickPhotos } from '../../../../platform/images';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import { newClientKey, sendSuggestion, uploadSuggestionImage } from '../../../../services/reports';
import '../../reports.css';

interface Photo {
  file: PickedFile;
  /** Set once uploaded; a retry sends only the ones not yet uploaded. */
  id: string | null;
}

/** 建言献策: a suggestion to the home town, with a few photos. */
export default function SuggestPage() {
  const session = useRequiredSession();
  const [category, setCategory] = useState<SuggestionCategory | null>(null);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [clientKey] = useState(newClientKey);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<SuggestionView | null>(null);

  if (!session) return <LoadingView />;

  const addPhotos = () => {
    setProblem(null);
    pickPhotos(SUGGESTION_IMAGES_MAX - photos.length)
      .then((files) => setPhotos((before) => [...before, ...files.map((file) => ({ file, id: null }))]))
      .catch((cause: unknown) => setProblem(errorMessage(cause)));
  };

  const send = () => {
    if (busy) return;
    if (!category) return setProblem('请选择建议的类别');
    if (!title.trim()) return setProblem('请填写标题');
    if (!text.trim()) return setProblem('请填写建议内容');
    setBusy(true);
    setProblem(null);
    (async () => {
      const uploaded = [...photos];
      for (const [i, photo] of uploaded.entries()) {
        if (!photo.id) uploaded[i] = { ...photo, id: (await uploadSuggestionImage(photo.file)).id };
        setPhotos([...uploaded]);
      }
      const result = await sendSuggestion({
        category,
        title: title.trim(),
        text: text.trim(),
        imageIds: uploaded.map((p) => p.id as string),
        clientKey,
      });
      setSent(result);
    })()
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  if (sent) {
    return (
      <View className="page">
        <View className="card" id="suggest-done">
          <Text className="title">建议已送达</Text>
          <Text className="hint section">{`${sent.branchName}收到后会办理并答复，进度可以在“我的建议”里查看。`}</Text>
          <BigButton id="suggest-done-list" onClick={() => navigate.to(Routes.reportsSuggestions)}>
            查看我的建议
          </BigButton>
        </View>
      </View>
    );
  }

  return (
    <View className="page">
      <View className="card" id="suggest-form">
        <Text className="title">给家乡提建议</Text>
        <Text className="hint">您的建议会交给家乡党支部，乡镇和县里也能看到并办理。</Text>
        <View className="field">
          <Text className="field__label">类别</Text>
          <View className="chips" id="suggest-categories">
            {SUGGESTION_CATEGORIES.map((c) => (
              <View
                key={c}
                id={`suggest-category-${c}`}
                className={`chip${category === c ? ' chip--selected' : ''}`}
                onClick={() => setCategory(c)}
              >
                <Text>{SUGGESTION_CATEGORY_LABELS[c]}</Text>
              </View>
            ))}
          </View>
        </View>
        <View className="field">
          <Text className="field__label">标题</Text>
          <Input
            id="suggest-title"
            className="field__input"
            maxlength={SUGGESTION_TITLE_MAX}
            placeholder="一句话说明建议，如：建设村里的冷库"
            value={title}
            onInput={(event) => setTitle(event.detail.value)}
          />
        </View>
        <View className="field">
          <Text className="field__label">建议内容</Text>
          <Textarea
            id="suggest-text"
            className="reports-textarea"
            maxlength={SUGGESTION_TEXT_MAX}
            placeholder="说说现在的情况、您的想法和具体做法"
            value={text}
            onInput={(event) => setText(event.detail.value)}
          />
        </View>
        <View className="field">
          <Text className="field__label">{`图片（最多 ${SUGGESTION_IMAGES_MAX} 张，可不传）`}</Text>
          <View className="reports-images" id="suggest-photos">
            {photos.map((p, i) => (
              <Image
                key={p.file.path}
                id={`suggest-photo-${i}`}
                className="reports-images__item"
                src={p.file.path}
                mode="aspectFill"
                onClick={() => setPhotos((before) => before.filter((x) => x !== p))}
              />
            ))}
          </View>
          {photos.length > 0 ? <Text className="hint">点图片可以去掉它</Text> : null}
          {photos.length < SUGGESTION_IMAGES_MAX ? (
            <BigButton id="suggest-add-photo" kind="secondary" onClick={addPhotos}>
              添加图片
            </BigButton>
          ) : null}
        </View>
        {problem ? (
          <Text className="error-text" id="suggest-problem">
            {problem}
          </Text>
        ) : null}
        <BigButton id="suggest-send" size="huge" busy={busy} busyText="正在提交…" onClick={send}>
          提交建议
        </BigButton>
      </View>
    </View>
  );
}
