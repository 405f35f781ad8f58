import { Input, Text, View } from '@tarojs/components';
import { STUDY_QUIZ_MAX_QUESTIONS } from '@pioneer/shared';
import { BigButton } from '../../../components/big-button';
import {
  QUIZ_OPTIONS_MAX,
  QUIZ_OPTIONS_MIN,
  QUIZ_OPTION_MAX,
  QUIZ_TEXT_MAX,
  emptyQuestion,
  type QuizDraft,
} from '../item-form';

const OPTION_MARKS = ['A', 'B', 'C', 'D', 'E', 'F'];

/** Single-choice questions: the question, its options, and which option is right. */
export function QuizEditor({ quiz, onChange }: { quiz: QuizDraft[]; onChange: (quiz: QuizDraft[]) => void }) {
  const change = (index: number, next: Partial<QuizDraft>) =>
    onChange(quiz.map((question, i) => (i === index ? { ...question, ...next } : question)));

  return (
    <View id="quiz-editor">
      {quiz.length === 0 ? <Text className="hint">没有测验。需要的话可以添加几道单选题，党员学完后作答。</Text> : null}
      {quiz.map((question, q) => (
        <View key={q} className="quiz-draft" id={`quiz-draft-${q}`}>
          <Text className="field__label">{`第 ${q + 1} 题`}</Text>
          <Input
            id={`quiz-draft-${q}-text`}
            className="field__input"
            placeholder="题目"
            maxlength={QUIZ_TEXT_MAX}
            value={question.text}
            onInput={(event) => change(q, { text: event.detail.value })}
          />
          {question.options.map((option, o) => {
            const right = question.answer === o;
            return (
              <View key={o} className="quiz-draft__option">
                <View
                  id={`quiz-draft-${q}-right-${o}`}
                  className={`quiz-draft__mark${right ? ' quiz-draft__mark--right' : ''}`}
                  aria-checked={right ? 'true' : 'false'}
                  onClick={() => change(q, { answer: o })}
                >
                  <Text>{right ? `${OPTION_MARKS[o]} ✓` : OPTION_MARKS[o]}</Text>
                </View>
                <Input
                  id={`quiz-draft-${q}-option-${o}`}
                  className="field__input quiz-draft__input"
                  placeholder={`选项 ${OPTION_MARKS[o]}`}
                  maxlength={QUIZ_OPTION_MAX}
                  value={option}
                  onInput={(event) =>
                    change(q, { options: question.options.map((text, i) => (i === o ? event.detail.value : text)) })
                  }
                />
              </View>
            );
          })}
          <Text className="hint">点选项前的字母，设为正确答案。</Text>
          <View className="quiz-draft__actions">
            {question.options.length < QUIZ_OPTIONS_MAX ? (
              <BigButton
                id={`quiz-draft-${q}-add-option`}
                kind="plain"
                onClick={() => change(q, { options: [...question.options, ''] })}
              >
                加一个选项
              </BigButton>
            ) : null}
            {question.options.length > QUIZ_OPTIONS_MIN ? (
              <BigButton
                id={`quiz-draft-${q}-remove-option`}
                kind="plain"
                onClick={() =>
                  change(q, {
                    options: question.options.slice(0, -1),
                    answer: question.answer === question.options.length - 1 ? null : question.answer,
                  })
                }
              >
                去掉最后一个选项
              </BigButton>
            ) : null}
            <BigButton
              id={`quiz-draft-${q}-remove`}
              kind="plain"
              onClick={() => onChange(quiz.filter((_question, i) => i !== q))}
            >
              删除这道题
            </BigButton>
          </View>
        </View>
      ))}
      {quiz.length < STUDY_QUIZ_MAX_QUESTIONS ? (
        <BigButton id="quiz-add" kind="secondary" onClick={() => onChange([...quiz, emptyQuestion()])}>
          添加一道单选题
        </BigButton>
      ) : (
        <Text className="hint">{`最多 ${STUDY_QUIZ_MAX_QUESTIONS} 道题。`}</Text>
      )}
    </View>
  );
}
