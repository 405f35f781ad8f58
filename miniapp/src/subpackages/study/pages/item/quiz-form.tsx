import { Text, View } from '@tarojs/components';
import type { QuizQuestion, QuizResult } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { quizScoreText } from '../../../../components/study-progress';
import { errorMessage } from '../../../../services/http';
import { submitQuiz } from '../../../../services/study';

const OPTION_MARKS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** The item's single-choice questions; the score shows once sent. */
export function QuizForm({
  itemId,
  questions,
  bestScore,
}: {
  itemId: string;
  questions: readonly QuizQuestion[];
  /** The best earlier attempt: the score that is kept. */
  bestScore: number | null;
}) {
  const [answers, setAnswers] = useState<(number | null)[]>(() => questions.map(() => null));
  const [result, setResult] = useState<QuizResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const choose = (question: number, option: number) =>
    setAnswers((before) => before.map((answer, index) => (index === question ? option : answer)));

  const submit = () => {
    const missing = answers.filter((answer) => answer === null).length;
    if (missing > 0) {
      setProblem(`还有 ${missing} 题没有选择答案`);
      return;
    }
    setBusy(true);
    setProblem(null);
    submitQuiz(
      itemId,
      answers.map((answer) => answer ?? 0),
    )
      .then(setResult)
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  if (result) {
    return (
      <View className="card" id="quiz">
        <Text className="subtitle">小测验</Text>
        <Text className="quiz-score" id="quiz-score">
          {`得分：${quizScoreText(result.score, result.correct, result.total)}`}
        </Text>
        <BigButton
          id="quiz-again"
          kind="secondary"
          onClick={() => {
            setResult(null);
            setAnswers(questions.map(() => null));
          }}
        >
          重新作答
        </BigButton>
      </View>
    );
  }

  return (
    <View className="card" id="quiz">
      <Text className="subtitle">小测验</Text>
      <Text className="hint">{`共 ${questions.length} 题，每题选一个答案。可以翻看上面的内容再答。`}</Text>
      {bestScore !== null ? (
        <Text
          className="hint"
          id="quiz-best-score"
        >{`已答过，最高得分：${quizScoreText(bestScore)}。可以再答一次，记最高分。`}</Text>
      ) : null}
      {questions.map((question, q) => (
        <View key={q} className="quiz-question" id={`quiz-q${q}`}>
          <Text className="quiz-question__text">{`${q + 1}. ${question.text}`}</Text>
          {question.options.map((option, o) => {
            const selected = answers[q] === o;
            return (
              <View
                key={o}
                id={`quiz-q${q}-o${o}`}
                className={`quiz-option${selected ? ' quiz-option--selected' : ''}`}
                aria-checked={selected ? 'true' : 'false'}
                onClick={() => choose(q, o)}
              >
                <Text className="quiz-option__mark">{OPTION_MARKS[o] ?? String(o + 1)}</Text>
                <Text className="quiz-option__text">{option}</Text>
              </View>
            );
          })}
        </View>
      ))}
      {problem ? (
        <Text className="error-text" id="quiz-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton id="quiz-submit" busy={busy} busyText="正在提交…" onClick={submit}>
        提交答案
      </BigButton>
    </View>
  );
}
