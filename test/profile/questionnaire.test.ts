// The questionnaire's scoring at its boundaries: score bands, each cap, horizon and liquidity,
// and every kind of bad submission.
import { describe, expect, it } from 'vitest';
import { answerIssues, MAX_SCORE, QUESTIONS, scoreAnswers, SCORE_BANDS, toleranceForScore, type RiskAnswer } from '../../src/profile/questionnaire';

type Choice = Record<string, string>;
const BOLD: Choice = { knowledge: 'complex', experience: 'frequently', horizon: 'gt10y', capacity: 'unaffected', reaction: 'buy_more', objective: 'growth', liquidity: 'none' };
const TIMID: Choice = { knowledge: 'none', experience: 'never', horizon: 'lt1y', capacity: 'none', reaction: 'sell_all', objective: 'preserve', liquidity: 'most' };
const answers = (c: Choice): RiskAnswer[] => Object.entries(c).map(([questionId, optionId]) => ({ questionId, optionId }));
const score = (over: Choice = {}) => scoreAnswers(answers({ ...BOLD, ...over }));

describe('risk questionnaire scoring', () => {
  it('covers knowledge, experience, horizon, capacity for loss, attitude, objectives and liquidity', () => {
    expect(QUESTIONS.map((q) => q.id)).toEqual(['knowledge', 'experience', 'horizon', 'capacity', 'reaction', 'objective', 'liquidity']);
    expect(MAX_SCORE).toBe(21);
  });

  it('maps the extreme answers to 1 and 7, with horizon and liquidity from their answers', () => {
    expect(scoreAnswers(answers(TIMID))).toMatchObject({ score: 0, riskTolerance: 1, investmentHorizonMonths: 6, liquidityNeed: 'HIGH' });
    expect(score()).toMatchObject({ score: 21, riskTolerance: 7, investmentHorizonMonths: 120, liquidityNeed: 'LOW', cappedBy: [] });
  });

  it('score bands: each band starts exactly at its minimum', () => {
    for (const b of SCORE_BANDS) {
      expect(toleranceForScore(b.minScore)).toBe(b.tolerance);
      if (b.minScore > 0) expect(toleranceForScore(b.minScore - 1)).toBe(b.tolerance - 1);
    }
    expect(toleranceForScore(MAX_SCORE)).toBe(7);
  });

  it('cannot afford any loss caps the tolerance at 2, whatever the rest', () => {
    const p = score({ capacity: 'none' });
    expect(p.score).toBe(18);
    expect(p.uncappedTolerance).toBe(6);
    expect(p.riskTolerance).toBe(2);
    expect(p.cappedBy).toEqual(['capacity']);
    expect(score({ capacity: 'small' }).riskTolerance).toBe(4);
    expect(score({ capacity: 'manageable' }).riskTolerance).toBe(7); // 20 points, no cap
  });

  it('a short horizon caps too: within a year 2, one to three years 3, three to five 4', () => {
    expect(score({ horizon: 'lt1y' })).toMatchObject({ riskTolerance: 2, investmentHorizonMonths: 6, cappedBy: ['horizon'] });
    expect(score({ horizon: '1to3y' })).toMatchObject({ riskTolerance: 3, investmentHorizonMonths: 12 });
    expect(score({ horizon: '3to5y' })).toMatchObject({ riskTolerance: 4, investmentHorizonMonths: 36 });
    expect(score({ horizon: '5to10y' })).toMatchObject({ riskTolerance: 7, investmentHorizonMonths: 60, cappedBy: [] }); // 20 points, no cap
  });

  it('the lowest cap wins, and a cap never raises a tolerance below it', () => {
    expect(score({ horizon: '3to5y', capacity: 'none' }).riskTolerance).toBe(2);
    const low = scoreAnswers(answers({ ...TIMID, horizon: '3to5y' })); // 2 points → 1, cap 4 does not raise it
    expect(low.riskTolerance).toBe(1);
    expect(low.cappedBy).toEqual([]);
  });

  it('no knowledge or experience of investments caps the tolerance at 3', () => {
    expect(score({ knowledge: 'none', experience: 'once' })).toMatchObject({ riskTolerance: 3, cappedBy: ['knowledge+experience'] });
    expect(score({ knowledge: 'deposits', experience: 'once' }).riskTolerance).toBeGreaterThan(3);
  });

  it('liquidity answers map to LOW / MEDIUM / HIGH', () => {
    expect(score({ liquidity: 'most' }).liquidityNeed).toBe('HIGH');
    expect(score({ liquidity: 'some' }).liquidityNeed).toBe('MEDIUM');
    expect(score({ liquidity: 'none' }).liquidityNeed).toBe('LOW');
  });
});

describe('risk questionnaire validation', () => {
  it('accepts a complete submission in any order', () => {
    expect(answerIssues(answers(BOLD).reverse())).toEqual([]);
  });

  it('names the offending answer: unknown question, unknown option, repeated question, missing questions', () => {
    const a = answers(BOLD);
    expect(answerIssues([...a.slice(0, 3), { questionId: 'capacity', optionId: 'lots' }, ...a.slice(4)])[0].field).toBe('answers[3].optionId');
    expect(answerIssues([...a, { questionId: 'zodiac', optionId: 'leo' }])[0].field).toBe('answers[7].questionId');
    expect(answerIssues([...a, { questionId: 'horizon', optionId: 'lt1y' }])[0]).toMatchObject({ field: 'answers[7].questionId', message: expect.stringContaining('more than once') });
    expect(answerIssues(a.slice(0, 5))[0]).toMatchObject({ field: 'answers', message: expect.stringContaining('objective, liquidity') });
    expect(answerIssues([])[0].field).toBe('answers');
    expect(() => scoreAnswers(a.slice(1))).toThrow(/missing: knowledge/);
  });
});
