// The risk-profiling questionnaire (documented for compliance in docs/risk-questionnaire.md): its
// questions, the points of each option, and the pure scoring that turns a complete set of answers
// into a risk profile. The version is stored with every assessment; changing a question, an option,
// a point or a cap means a new version.
//
// Scoring: the points of the seven answers are added (0–21) and mapped to a risk tolerance 1–7 by
// SCORE_BANDS; then every cap that an answer sets applies (the lowest wins), because willingness to
// take risk cannot outweigh the inability to bear it: a customer who cannot afford any loss, or needs
// the money within a year, is never above 2, whatever their other answers.
import type { LiquidityNeed } from '../recommend/types';

export const QUESTIONNAIRE_VERSION = 'rq-2026-12';

export interface RiskOption {
  id: string;
  text: string;
  points: number;
  /** The highest risk tolerance this answer allows (absent: no cap). */
  maxTolerance?: number;
  /** Horizon answers: the investment horizon it records, months (the conservative end of the range). */
  horizonMonths?: number;
  /** Liquidity answers: the liquidity need it records. */
  liquidityNeed?: LiquidityNeed;
}

export interface RiskQuestion { id: string; topic: string; text: string; options: readonly RiskOption[] }

export const QUESTIONS: readonly RiskQuestion[] = [
  {
    id: 'knowledge', topic: 'Knowledge', text: 'Which of these products do you understand well enough to explain how they can lose money?',
    options: [
      { id: 'none', text: 'None: I only know bank accounts', points: 0 },
      { id: 'deposits', text: 'Deposits and savings accounts', points: 1 },
      { id: 'funds', text: 'Investment funds and bonds', points: 2 },
      { id: 'complex', text: 'Shares, and complex products such as derivatives', points: 3 },
    ],
  },
  {
    id: 'experience', topic: 'Experience', text: 'How often have you invested in funds, shares or bonds in the last five years?',
    options: [
      { id: 'never', text: 'Never', points: 0 },
      { id: 'once', text: 'Once or twice', points: 1 },
      { id: 'regularly', text: 'Regularly', points: 2 },
      { id: 'frequently', text: 'Frequently, including shares or derivatives', points: 3 },
    ],
  },
  {
    id: 'horizon', topic: 'Investment horizon', text: 'When might you need the money you would invest?',
    options: [
      { id: 'lt1y', text: 'Within a year', points: 0, horizonMonths: 6, maxTolerance: 2 },
      { id: '1to3y', text: 'In one to three years', points: 1, horizonMonths: 12, maxTolerance: 3 },
      { id: '3to5y', text: 'In three to five years', points: 2, horizonMonths: 36, maxTolerance: 4 },
      { id: '5to10y', text: 'In five to ten years', points: 3, horizonMonths: 60 },
      { id: 'gt10y', text: 'Not for more than ten years', points: 4, horizonMonths: 120 },
    ],
  },
  {
    id: 'capacity', topic: 'Capacity for loss', text: 'If your investments fell by a fifth, how would it affect your standard of living?',
    options: [
      { id: 'none', text: 'I cannot afford to lose any of it', points: 0, maxTolerance: 2 },
      { id: 'small', text: 'I could bear a small loss (up to a tenth), not more', points: 1, maxTolerance: 4 },
      { id: 'manageable', text: 'It would hurt, but I could cope', points: 2 },
      { id: 'unaffected', text: 'It would not affect my standard of living', points: 3 },
    ],
  },
  {
    id: 'reaction', topic: 'Attitude to risk', text: 'Your investment falls 15 % in one month. What do you do?',
    options: [
      { id: 'sell_all', text: 'Sell everything', points: 0 },
      { id: 'sell_some', text: 'Sell part of it', points: 1 },
      { id: 'hold', text: 'Keep it and wait', points: 2 },
      { id: 'buy_more', text: 'Invest more while prices are low', points: 3 },
    ],
  },
  {
    id: 'objective', topic: 'Objectives', text: 'What is your main aim for this money?',
    options: [
      { id: 'preserve', text: 'Keep it safe, even if it grows little', points: 0 },
      { id: 'income', text: 'A steady income with little fluctuation', points: 1 },
      { id: 'balanced', text: 'Growth, accepting ups and downs', points: 2 },
      { id: 'growth', text: 'The highest growth, accepting large swings', points: 3 },
    ],
  },
  {
    id: 'liquidity', topic: 'Liquidity need', text: 'How much of this money might you need at short notice?',
    options: [
      { id: 'most', text: 'Most or all of it', points: 0, liquidityNeed: 'HIGH' },
      { id: 'some', text: 'Some of it', points: 1, liquidityNeed: 'MEDIUM' },
      { id: 'none', text: 'None of it', points: 2, liquidityNeed: 'LOW' },
    ],
  },
];

/** Score bands, lowest first: a total of at least `minScore` gives `tolerance`. */
export const SCORE_BANDS: readonly { minScore: number; tolerance: number }[] = [
  { minScore: 0, tolerance: 1 }, { minScore: 4, tolerance: 2 }, { minScore: 7, tolerance: 3 }, { minScore: 10, tolerance: 4 },
  { minScore: 13, tolerance: 5 }, { minScore: 16, tolerance: 6 }, { minScore: 19, tolerance: 7 },
];

/** Knowledge + experience points at or below this: no understanding of investments, tolerance capped. */
export const INEXPERIENCED_MAX_POINTS = 1;
export const INEXPERIENCED_MAX_TOLERANCE = 3;

export const MAX_SCORE = QUESTIONS.reduce((s, q) => s + Math.max(...q.options.map((o) => o.points)), 0);

export interface RiskAnswer { questionId: string; optionId: string }

export interface ScoredProfile {
  questionnaireVersion: string;
  score: number;
  /** Tolerance from the score alone, before caps. */
  uncappedTolerance: number;
  riskTolerance: number;
  investmentHorizonMonths: number;
  liquidityNeed: LiquidityNeed;
  /** Which answers capped the tolerance (question ids), for the record. */
  cappedBy: string[];
}

/** A problem with submitted answers, and the input path at fault (e.g. "answers[3].optionId"). */
export interface AnswerIssue { field: string; message: string }

const byId = new Map(QUESTIONS.map((q) => [q.id, q]));

/** Every problem in a submission: unknown or repeated questions, unknown options, questions left out. */
export function answerIssues(answers: readonly RiskAnswer[]): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    const q = byId.get(a.questionId);
    if (!q) { issues.push({ field: `answers[${i}].questionId`, message: `unknown question "${a.questionId.slice(0, 40)}" (questions: ${QUESTIONS.map((x) => x.id).join(', ')})` }); return; }
    if (seen.has(q.id)) { issues.push({ field: `answers[${i}].questionId`, message: `question "${q.id}" is answered more than once` }); return; }
    seen.add(q.id);
    if (!q.options.some((o) => o.id === a.optionId)) {
      issues.push({ field: `answers[${i}].optionId`, message: `"${a.optionId.slice(0, 40)}" is not an option of "${q.id}" (options: ${q.options.map((o) => o.id).join(', ')})` });
    }
  });
  const missing = QUESTIONS.filter((q) => !seen.has(q.id));
  if (missing.length > 0 && issues.length === 0) {
    issues.push({ field: 'answers', message: `every question must be answered; missing: ${missing.map((q) => q.id).join(', ')}` });
  }
  return issues;
}

/** The tolerance a total score gives before caps. */
export function toleranceForScore(score: number): number {
  let t = 1;
  for (const b of SCORE_BANDS) if (score >= b.minScore) t = b.tolerance;
  return t;
}

/** Score a complete, valid submission (call answerIssues first: this throws on an invalid one). */
export function scoreAnswers(answers: readonly RiskAnswer[]): ScoredProfile {
  const issues = answerIssues(answers);
  if (issues.length > 0) throw new RangeError(`${issues[0].field}: ${issues[0].message}`);
  const chosen = new Map(answers.map((a) => {
    const q = byId.get(a.questionId)!;
    return [q.id, q.options.find((o) => o.id === a.optionId)!];
  }));
  const score = [...chosen.values()].reduce((s, o) => s + o.points, 0);
  const uncapped = toleranceForScore(score);
  let tolerance = uncapped;
  const cappedBy: string[] = [];
  for (const [qid, o] of chosen) {
    if (o.maxTolerance !== undefined && o.maxTolerance < uncapped) { tolerance = Math.min(tolerance, o.maxTolerance); cappedBy.push(qid); }
  }
  if (chosen.get('knowledge')!.points + chosen.get('experience')!.points <= INEXPERIENCED_MAX_POINTS && INEXPERIENCED_MAX_TOLERANCE < uncapped) {
    tolerance = Math.min(tolerance, INEXPERIENCED_MAX_TOLERANCE);
    cappedBy.push('knowledge+experience');
  }
  return {
    questionnaireVersion: QUESTIONNAIRE_VERSION, score, uncappedTolerance: uncapped, riskTolerance: tolerance,
    investmentHorizonMonths: chosen.get('horizon')!.horizonMonths!, liquidityNeed: chosen.get('liquidity')!.liquidityNeed!, cappedBy,
  };
}
