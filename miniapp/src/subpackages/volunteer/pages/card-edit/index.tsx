import { Image, Input, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  AVAILABILITY_NOTE_MAX,
  CARD_DESCRIPTION_MAX,
  CARD_EXTRA_SKILLS_MAX,
  CARD_REGION_MAX,
  CARD_SKILLS_MAX,
  DAY_SLOT_LABELS,
  DAY_SLOTS,
  WEEKDAY_LABELS,
  type MyCardView,
  type SkillView,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, showToast } from '../../../../platform';
import { errorMessage } from '../../../../services/http';
import {
  createCard,
  deleteCardPhoto,
  fetchCardPhoto,
  listMyCards,
  listSkills,
  putCardPhoto,
  updateCard,
} from '../../../../services/volunteer';
import { pickCardPhoto } from '../../card-photo';
import { AreaPicker } from '../../components/area-picker';
import { UnboundNotice } from '../../components/unbound-notice';
import '../../volunteer.css';
import { cardRequestFrom, EMPTY_CARD_FORM, formFromCard, toggled, type CardForm } from './card-form';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

function Chip({ id, label, selected, onClick }: { id: string; label: string; selected: boolean; onClick: () => void }) {
  return (
    <View
      id={id}
      className={`chip${selected ? ' chip--selected' : ''}`}
      aria-pressed={selected ? 'true' : 'false'}
      onClick={onClick}
    >
      <Text>{label}</Text>
    </View>
  );
}

/** The card's photo: shown through the API, chosen from the album or camera, or taken off. */
function PhotoField({ card, onChanged }: { card: MyCardView; onChanged: (card: MyCardView) => void }) {
  const photo = useLoader(
    () => (card.hasPhoto ? fetchCardPhoto(card.id) : Promise.resolve(null)),
    `${card.id}|${card.hasPhoto ? card.updatedAt : 'none'}`,
  );
  const [busy, setBusy] = useState<'pick' | 'remove' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const pick = () => {
    setBusy('pick');
    setProblem(null);
    pickCardPhoto()
      .then((picked) => (picked ? putCardPhoto(card.id, picked).then(onChanged) : undefined))
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(null));
  };
  const remove = () => {
    setBusy('remove');
    setProblem(null);
    deleteCardPhoto(card.id)
      .then(onChanged)
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(null));
  };

  return (
    <View className="field" id="card-photo">
      <Text className="field__label">照片（选填，工作照或证书照，不超过 512KB）</Text>
      {photo.state.status === 'ready' && photo.state.data ? (
        <Image
          id="card-photo-image"
          className="vol-photo"
          mode="aspectFit"
          src={`data:${photo.state.data.contentType};base64,${photo.state.data.dataBase64}`}
        />
      ) : null}
      {problem ? (
        <Text className="error-text" id="card-photo-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton
        id="card-photo-pick"
        kind="secondary"
        busy={busy === 'pick'}
        busyText="正在上传…"
        disabled={busy !== null}
        onClick={pick}
      >
        {card.hasPhoto ? '换一张照片' : '添加照片'}
      </BigButton>
      {card.hasPhoto ? (
        <BigButton
          id="card-photo-remove"
          kind="plain"
          busy={busy === 'remove'}
          busyText="正在删除…"
          disabled={busy !== null}
          onClick={remove}
        >
          删除照片
        </BigButton>
      ) : null}
      <Text className="hint">照片中的拍摄地点等信息会自动去除。</Text>
    </View>
  );
}

function CardEditor({ skills, card }: { skills: SkillView[]; card: MyCardView | null }) {
  const [form, setForm] = useState<CardForm>(() => (card ? formFromCard(card) : EMPTY_CARD_FORM));
  const [saved, setSaved] = useState<MyCardView | null>(card);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (change: Partial<CardForm>) => setForm((before) => ({ ...before, ...change }));

  const submit = () => {
    const request = cardRequestFrom(form);
    if (typeof request === 'string') {
      setProblem(request);
      return;
    }
    setBusy(true);
    setProblem(null);
    (saved ? updateCard(saved.id, request) : createCard(request))
      .then(() => {
        showToast(saved ? '已保存' : '技能卡已发布', 'success');
        navigate.back();
      })
      .catch((error: unknown) => {
        setProblem(errorMessage(error));
        setBusy(false);
      });
  };

  return (
    <View className="page">
      <View className="card">
        <View className="field">
          <Text className="field__label">{`我会（最多选 ${CARD_SKILLS_MAX} 项）`}</Text>
          <View className="chips" id="card-skills">
            {skills.map((skill) => (
              <Chip
                key={skill.code}
                id={`card-skill-${skill.code}`}
                label={skill.label}
                selected={form.skillCodes.includes(skill.code)}
                onClick={() => set({ skillCodes: toggled(form.skillCodes, skill.code, CARD_SKILLS_MAX) })}
              />
            ))}
          </View>
        </View>
        <View className="field">
          <Text className="field__label">列表里没有的技能（选填）</Text>
          <Input
            id="card-extra"
            className="field__input"
            placeholder="如：管道疏通、手机维修"
            maxlength={CARD_EXTRA_SKILLS_MAX}
            value={form.extraSkills}
            onInput={(e) => set({ extraSkills: e.detail.value })}
          />
        </View>
        <View className="field">
          <Text className="field__label">介绍一下您能帮什么忙</Text>
          <Textarea
            id="card-description"
            className="field__textarea"
            placeholder="如：二十年水电安装经验，能修水管、换开关"
            maxlength={CARD_DESCRIPTION_MAX}
            value={form.description}
            onInput={(e) => set({ description: e.detail.value })}
          />
        </View>
        <View className="field">
          <Text className="field__label">在哪个社区服务</Text>
          <Text className="text" id="card-area-name">
            {form.area ? form.area.name : '还没有选择'}
          </Text>
          {!picking ? (
            <BigButton id="card-area-change" kind="secondary" onClick={() => setPicking(true)}>
              {form.area ? '换一个社区' : '选择社区'}
            </BigButton>
          ) : null}
        </View>
        {picking ? (
          <AreaPicker
            id="card-area-picker"
            onChoose={(area) => {
              set({ area: { id: area.id, name: area.name } });
              setPicking(false);
            }}
            onCancel={() => setPicking(false)}
          />
        ) : null}
        <View className="field">
          <Text className="field__label">服务范围补充（选填）</Text>
          <Input
            id="card-region"
            className="field__input"
            placeholder="如：七宝镇及周边 3 公里"
            maxlength={CARD_REGION_MAX}
            value={form.regionText}
            onInput={(e) => set({ regionText: e.detail.value })}
          />
        </View>
        <View className="field">
          <Text className="field__label">哪几天有空</Text>
          <View className="chips" id="card-days">
            {WEEKDAYS.map((day) => (
              <Chip
                key={day}
                id={`card-day-${day}`}
                label={WEEKDAY_LABELS[day]}
                selected={form.days.includes(day)}
                onClick={() => set({ days: toggled(form.days, day) })}
              />
            ))}
          </View>
          <View className="chips" id="card-slots">
            {DAY_SLOTS.map((slot) => (
              <Chip
                key={slot}
                id={`card-slot-${slot}`}
                label={DAY_SLOT_LABELS[slot]}
                selected={form.slots.includes(slot)}
                onClick={() => set({ slots: toggled(form.slots, slot) })}
              />
            ))}
          </View>
          <Input
            id="card-availability-note"
            className="field__input"
            placeholder="补充说明（选填），如：下班后"
            maxlength={AVAILABILITY_NOTE_MAX}
            value={form.note}
            onInput={(e) => set({ note: e.detail.value })}
          />
        </View>
        {saved ? <PhotoField card={saved} onChanged={setSaved} /> : null}
        <Text className="hint">
          志愿板上您的名字会隐去一部分（如：刘*国），不显示手机号。居民通过平台向您发请求，由您决定是否接受。
        </Text>
        {problem ? (
          <Text className="error-text" id="card-form-problem">
            {problem}
          </Text>
        ) : null}
        <BigButton id="card-form-submit" busy={busy} busyText="正在保存…" onClick={submit}>
          {saved ? '保存修改' : '发布技能卡'}
        </BigButton>
        {!saved ? <Text className="hint">发布后可以在“修改”里添加照片。</Text> : null}
      </View>
    </View>
  );
}

/** A new skill card, or `?id=` to change one of mine. */
export default function CardEditPage() {
  const session = useRequiredSession();
  const id = useRouter().params.id ?? '';
  const memberId = session?.account.memberId ?? null;
  const { state, reload } = useLoader(async () => {
    const [skills, cards] = await Promise.all([listSkills(), id ? listMyCards() : Promise.resolve([])]);
    return { skills: skills.filter((s) => !s.disabled), card: cards.find((c) => c.id === id) ?? null };
  }, id);

  if (!session) return <LoadingView />;
  if (!memberId) {
    return (
      <View className="page">
        <UnboundNotice id="card-edit-unbound" doing="发布技能卡" />
      </View>
    );
  }
  if (state.status === 'loading') return <LoadingView id="card-edit-loading" />;
  if (state.status === 'failed') return <ErrorView id="card-edit-error" message={state.message} onRetry={reload} />;
  if (id && !state.data.card) return <ErrorView id="card-edit-error" message="找不到这张技能卡，可能已被删除" />;
  return <CardEditor skills={state.data.skills} card={state.data.card} />;
}
