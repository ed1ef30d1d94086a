// The one place where a customer becomes model features. Every recommender that compares customers
// (user-CF, activity-weighted) or conditions on holdings (item-CF) takes its features from here.
//
// - Holdings are read lag-aware: lag 0 is what the customer holds now, lag k the monthly snapshot k
//   months before the newest one. A product's *holding pattern* is the bitmask of the lags at which
//   it was held (bit k = held at lag k), so "held until last month" and "never held" differ.
// - Profile: segment, activity flag, income band, seniority band, and age band only when
//   MODEL_USE_AGE allows. Income missing → imputed with the median of the customer's segment (inside
//   features only, the profile keeps null) plus a missing-indicator token.
// - Protected attributes (sex, residence, nationality) are not in CustomerProfile, so they cannot
//   appear here. Region is left out too: it adds little and can stand in for origin.
import type { CustomerState } from './types';

/** Monthly lags a pattern covers (the Santander file has five). */
export const LAG_COUNT = 5;

/** Holdings newest first: [held now, previous snapshot, …], at most `lags` entries. */
export function holdingLags(state: CustomerState, lags = LAG_COUNT): ReadonlySet<string>[] {
  const out: ReadonlySet<string>[] = [state.held];
  for (let i = state.snapshots.length - 2; i >= 0 && out.length < lags; i -= 1) out.push(state.snapshots[i].held);
  return out;
}

/** Bitmask of the lags at which `productId` was held (bit 0 = held now). 0 = not held in the window. */
export function holdingMask(lags: readonly ReadonlySet<string>[], productId: string): number {
  let mask = 0;
  for (let k = 0; k < lags.length; k += 1) if (lags[k].has(productId)) mask |= 1 << k;
  return mask;
}

/** The plain-language state a mask describes, for evidence in reasons. */
export function describeMask(mask: number): 'held' | 'recently-added' | 'held-until-recently' | 'never-held' {
  if (mask === 0) return 'never-held';
  if ((mask & 1) === 0) return 'held-until-recently';
  if ((mask & 2) === 0) return 'recently-added';
  return 'held';
}

/** What changed between consecutive lags: entry k = products added / dropped between lag k+1 and lag k. */
export function holdingChanges(lags: readonly ReadonlySet<string>[]): { added: string[]; dropped: string[] }[] {
  const out: { added: string[]; dropped: string[] }[] = [];
  for (let k = 0; k + 1 < lags.length; k += 1) {
    out.push({ added: [...lags[k]].filter((p) => !lags[k + 1].has(p)), dropped: [...lags[k + 1]].filter((p) => !lags[k].has(p)) });
  }
  return out;
}

/** Engagement events counted as activity (purchases and cancellations already count as holding changes). */
const ENGAGEMENT = new Set(['VIEW', 'SEARCH', 'CLICK', 'RATING', 'DISMISS']);

/**
 * Activity of a customer, from recent behaviour: the number of holding changes between consecutive
 * lags (products added or dropped), plus the number of engagement events (views, searches, clicks,
 * ratings, dismissals) in the state, plus 1 when the bank flags the customer as active.
 */
export function activityLevel(state: CustomerState, lags = LAG_COUNT): number {
  let changes = 0;
  for (const c of holdingChanges(holdingLags(state, lags))) changes += c.added.length + c.dropped.length;
  let engagement = 0;
  for (const e of state.events) if (ENGAGEMENT.has(e.kind)) engagement += 1;
  return changes + engagement + (state.profile.active ? 1 : 0);
}

/** Cut points of `bins` quantile bands (fit on training customers). */
function quantileCuts(values: number[], bins: number): number[] {
  if (values.length === 0) return [];
  const sorted = Float64Array.from(values).sort();
  const cuts: number[] = [];
  for (let b = 1; b < bins; b += 1) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((b * sorted.length) / bins))];
    if (cuts.length === 0 || v > cuts[cuts.length - 1]) cuts.push(v);
  }
  return cuts;
}

function band(value: number, cuts: readonly number[]): number {
  let i = 0;
  while (i < cuts.length && value >= cuts[i]) i += 1;
  return i;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export interface ProfileEncoderOptions { useAge: boolean; bins?: number }

/** Profile → categorical tokens; band cut points and income medians are learned from training customers. */
export interface ProfileEncoderState {
  options: ProfileEncoderOptions; ageCuts: number[]; incomeCuts: number[]; seniorityCuts: number[];
  incomeMedianBySegment: [string, number][]; incomeMedian: number | null;
}

export class ProfileEncoder {
  private ageCuts: number[] = [];
  private incomeCuts: number[] = [];
  private seniorityCuts: number[] = [];
  private incomeMedianBySegment = new Map<string, number>();
  private incomeMedian: number | null = null;

  constructor(readonly options: ProfileEncoderOptions) {}

  fit(states: readonly CustomerState[]): this {
    const bins = this.options.bins ?? 8;
    const ages: number[] = [];
    const incomes: number[] = [];
    const seniorities: number[] = [];
    const bySegment = new Map<string, number[]>();
    for (const { profile: p } of states) {
      if (p.age !== null) ages.push(p.age);
      if (p.seniorityMonths !== null) seniorities.push(p.seniorityMonths);
      if (p.income !== null) {
        incomes.push(p.income);
        const key = p.segment ?? '';
        if (!bySegment.has(key)) bySegment.set(key, []);
        bySegment.get(key)!.push(p.income);
      }
    }
    this.ageCuts = quantileCuts(ages, bins);
    this.seniorityCuts = quantileCuts(seniorities, bins);
    this.incomeCuts = quantileCuts(incomes, bins);
    this.incomeMedian = median(incomes);
    this.incomeMedianBySegment = new Map([...bySegment].map(([k, v]) => [k, median(v)!]));
    return this;
  }

  /** The fitted state as plain JSON (saved model artifacts); `fromJSON` restores it exactly. */
  toJSON(): ProfileEncoderState {
    return {
      options: { ...this.options }, ageCuts: this.ageCuts, incomeCuts: this.incomeCuts, seniorityCuts: this.seniorityCuts,
      incomeMedianBySegment: [...this.incomeMedianBySegment], incomeMedian: this.incomeMedian,
    };
  }

  static fromJSON(s: ProfileEncoderState): ProfileEncoder {
    const e = new ProfileEncoder(s.options);
    e.ageCuts = [...s.ageCuts];
    e.incomeCuts = [...s.incomeCuts];
    e.seniorityCuts = [...s.seniorityCuts];
    e.incomeMedianBySegment = new Map(s.incomeMedianBySegment);
    e.incomeMedian = s.incomeMedian;
    return e;
  }

  /** Income as models see it: the known value, else the median of the customer's segment. */
  imputedIncome(state: CustomerState): { value: number | null; missing: boolean } {
    const p = state.profile;
    if (p.income !== null) return { value: p.income, missing: false };
    return { value: this.incomeMedianBySegment.get(p.segment ?? '') ?? this.incomeMedian, missing: true };
  }

  tokens(state: CustomerState): string[] {
    const p = state.profile;
    const out = [`segment=${p.segment ?? '?'}`, `active=${p.active ?? '?'}`];
    const income = this.imputedIncome(state);
    out.push(`income=${income.value === null ? '?' : band(income.value, this.incomeCuts)}`);
    if (income.missing) out.push('income-missing');
    out.push(`seniority=${p.seniorityMonths === null ? '?' : band(p.seniorityMonths, this.seniorityCuts)}`);
    if (this.options.useAge) out.push(`age=${p.age === null ? '?' : band(p.age, this.ageCuts)}`);
    return out;
  }
}

/** Relative weight of each feature group in customer similarity. */
export interface SimilarityWeights {
  /** Each (product, lag) held. */
  holding: number;
  /** Extra multiplier for lag 0 (held now). */
  heldNow: number;
  /** Each product's whole holding pattern (exact lag-pattern match). */
  pattern: number;
  /** Each profile token. */
  profile: number;
}

/** A customer as weighted tokens for similarity search (see neighbours.ts). */
export function similarityTokens(
  state: CustomerState, encoder: ProfileEncoder, w: SimilarityWeights, lags = LAG_COUNT,
): Map<string, number> {
  const out = new Map<string, number>();
  const h = holdingLags(state, lags);
  const products = new Set<string>();
  for (const s of h) for (const p of s) products.add(p);
  for (const p of products) {
    const mask = holdingMask(h, p);
    if (w.holding > 0) {
      for (let k = 0; k < h.length; k += 1) if (mask & (1 << k)) out.set(`${p}@${k}`, w.holding * (k === 0 ? w.heldNow : 1));
    }
    if (w.pattern > 0) out.set(`${p}#${mask}`, w.pattern);
  }
  if (w.profile > 0) for (const t of encoder.tokens(state)) out.set(t, w.profile);
  return out;
}
