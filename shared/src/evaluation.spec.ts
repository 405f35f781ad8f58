import {
  isEvaluationYearOpenable,
  summariseEvaluationInputs,
  type EvaluationConcern,
  type EvaluationInputs,
} from './evaluation.js';
import type { FeedbackRating } from './feedback.js';

function inputs(
  partial: Partial<Omit<EvaluationInputs, 'facts'>> & { facts?: Partial<EvaluationInputs['facts']> },
): EvaluationInputs {
  return {
    away: true,
    hasSelfAssessment: true,
    ratings: ['good'],
    ...partial,
    facts: { activitiesHeld: 10, activitiesAttended: 8, studyHours: 30, studyRequiredHours: 24, ...partial.facts },
  };
}

describe(summariseEvaluationInputs.name, () => {
  it.each<[string, EvaluationInputs, EvaluationConcern[], number | null]>([
    ['a member with everything in order', inputs({}), [], 0.8],
    ['no self-assessment', inputs({ hasSelfAssessment: false }), ['no_self_assessment'], 0.8],
    ['away but no feedback from the receiving branch', inputs({ ratings: [] }), ['no_feedback'], 0.8],
    ['at home: no feedback expected', inputs({ away: false, ratings: [] }), [], 0.8],
    ['one poor feedback among good ones', inputs({ ratings: ['good', 'poor', 'excellent'] }), ['poor_feedback'], 0.8],
    [
      'attended fewer than half',
      inputs({ facts: { activitiesHeld: 9, activitiesAttended: 4 } }),
      ['low_attendance'],
      0.44,
    ],
    ['attended exactly half', inputs({ facts: { activitiesHeld: 8, activitiesAttended: 4 } }), [], 0.5],
    [
      'no activities held: no rate, no concern',
      inputs({ facts: { activitiesHeld: 0, activitiesAttended: 0 } }),
      [],
      null,
    ],
    [
      'more check-ins than activities counts as full',
      inputs({ facts: { activitiesHeld: 2, activitiesAttended: 3 } }),
      [],
      1,
    ],
    ['study below the plan', inputs({ facts: { studyHours: 10 } }), ['study_behind'], 0.8],
    ['no plan: study is not judged', inputs({ facts: { studyHours: 0, studyRequiredHours: null } }), [], 0.8],
    [
      'everything missing',
      inputs({ hasSelfAssessment: false, ratings: [], facts: { activitiesAttended: 0, studyHours: 0 } }),
      ['no_self_assessment', 'no_feedback', 'low_attendance', 'study_behind'],
      0,
    ],
  ])('%s', (_case, given, concerns, rate) => {
    const summary = summariseEvaluationInputs(given);
    expect(summary.concerns).toEqual(concerns);
    expect(summary.attendanceRate).toBe(rate);
    expect(summary.feedbackCount).toBe(given.ratings.length);
  });

  it('counts ratings by kind', () => {
    const ratings: FeedbackRating[] = ['good', 'good', 'excellent', 'fair'];
    expect(summariseEvaluationInputs(inputs({ ratings })).ratings).toEqual({ excellent: 1, good: 2, fair: 1, poor: 0 });
  });
});

describe(isEvaluationYearOpenable.name, () => {
  it.each<[number, number, boolean]>([
    [2026, 2026, true],
    [2025, 2026, true],
    [2024, 2026, false],
    [2027, 2026, false],
  ])('year %i in %i: %s', (year, current, ok) => {
    expect(isEvaluationYearOpenable(year, current)).toBe(ok);
  });
});
