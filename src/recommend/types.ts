// The contract every part of the recommendation pipeline shares. Nothing here touches the store:
// recommenders see plain, already-loaded values, so batch scoring, evaluation and the live API
// run the same code (see pipeline.ts).
import type { LiquidityNeed, ProductCategory } from '../store/generated/sqlite/enums';

export type { LiquidityNeed, ProductCategory };

export const PRODUCT_CATEGORIES = [
  'ACCOUNT', 'DEPOSIT', 'FUND', 'PENSION', 'SECURITIES', 'LOAN', 'MORTGAGE', 'CARD', 'INSURANCE', 'SERVICE',
] as const satisfies readonly ProductCategory[];

export interface ProductInfo {
  id: string;
  code: string;
  name: string;
  category: ProductCategory;
  /** EU PRIIPs summary risk indicator, 1 (lowest) – 7. */
  riskLevel: number;
  interestRate: number | null;
  apr: number | null;
  annualFee: number | null;
  managementFeePercent: number | null;
  termMonths: number | null;
  minAge: number | null;
  maxAge: number | null;
  minAmount: number | null;
  currency: string;
  description: string;
  active: boolean;
  /** Code of the product line an instrument belongs to (an imported fund → the bank's FUND line);
   *  null/absent for a product line. Behavioural recommenders rank lines only (see isProductLine). */
  lineCode?: string | null;
  subcategory?: string | null;
  issuer?: string | null;
  isin?: string | null;
  /** How riskLevel was set: "catalog", "morningstar-risk", "sebi-riskometer", "volatility-3y", "category". */
  riskBasis?: string;
  /** "catalog", "api", or an external catalog's name. */
  source?: string;
}

/** A product line (not an instrument within one): what the behavioural recommenders rank. */
export function isProductLine(p: Pick<ProductInfo, 'lineCode'>): boolean {
  return p.lineCode === null || p.lineCode === undefined;
}

/**
 * What models may know of a customer. Protected attributes (sex, residence, nationality) are
 * deliberately absent: they cannot leak into a model because no recommender ever receives them.
 * Age is present for explicit eligibility rules; models use it only when config MODEL_USE_AGE allows.
 */
export interface CustomerProfile {
  id: string;
  age: number | null;
  /** Gross household income, EUR; null when unknown (impute inside features only). */
  income: number | null;
  segment: string | null;
  seniorityMonths: number | null;
  active: boolean | null;
  region: string | null;
  riskTolerance: number | null;
  investmentHorizonMonths: number | null;
  liquidityNeed: LiquidityNeed | null;
}

/** Products held at one monthly snapshot. */
export interface HoldingSnapshot { at: Date; held: ReadonlySet<string> }

export type EventKind = 'VIEW' | 'SEARCH' | 'CLICK' | 'PURCHASE' | 'HOLD' | 'CANCEL' | 'DISMISS' | 'RATING';

export interface BehaviourEvent { productId: string; kind: EventKind; value: number | null; at: Date }

/** Everything known about one customer at one moment; built only by customerState.ts. */
export interface CustomerState {
  profile: CustomerProfile;
  /** Monthly holding snapshots, oldest first. */
  snapshots: readonly HoldingSnapshot[];
  /** Held now: the newest snapshot, plus purchases after it, minus cancellations after it. */
  held: ReadonlySet<string>;
  /** Products the customer dismissed (never shown again). */
  dismissed: ReadonlySet<string>;
  /** Non-holding events (views, clicks, purchases, ratings …), oldest first. */
  events: readonly BehaviourEvent[];
  /** The moment this state describes. */
  asOf: Date;
}

/**
 * One supervised example of "what a customer adds next": the customer's state just before a date on
 * which they purchased something, and the products they added then (never ones already held).
 */
export interface AdditionExample { state: CustomerState; added: ReadonlySet<string>; at: Date }

/** What a recommender learns from: the catalog, every customer's current state, and the additions. */
export interface TrainingData {
  products: readonly ProductInfo[];
  customers: readonly CustomerState[];
  examples: readonly AdditionExample[];
  /** Customers held out for validation: learned recommenders must not train on their examples and
   *  early-stop on them (train/trainModel.ts tunes the blend on the same customers). Absent: each
   *  learned recommender holds out its own seeded share. */
  validationCustomers?: ReadonlySet<string>;
}

/** One recommender's opinion of one product, with the evidence a reason can quote. */
export interface Signal {
  score: number;
  /** Human-readable evidence, e.g. the held product that makes this one likely. */
  evidence?: string;
  /** Reason code for this item when it differs from the recommender's own (e.g. item-CF's USED_TO_HOLD). */
  code?: string;
}

export type RecommenderName = 'popularity' | 'item-cf' | 'user-cf' | 'content' | 'activity' | (string & {});

/**
 * Every recommender has this shape (cf. LensKit scorers, Gorse recommenders).
 * `score` returns a signal only for the candidates it can score; a missing entry means
 * "no opinion", never zero, so the blender can tell the two apart.
 */
export interface Recommender {
  readonly name: RecommenderName;
  /** Reason code attached to items this recommender contributed to, e.g. "SIMILAR_CUSTOMERS". */
  readonly reasonCode: string;
  /** Typed, JSON-able configuration; its digest identifies the model version. */
  readonly config: Readonly<Record<string, unknown>>;
  fit(data: TrainingData): void | Promise<void>;
  score(customer: CustomerState, candidates: readonly ProductInfo[]): Map<string, Signal>;
}

/** A trained recommender whose fitted state a model version saves and loads (train/modelArtifact.ts). */
export interface LearnedRecommender extends Recommender {
  /** Whether it has weights to score with. */
  readonly fitted: boolean;
  /** Plain values (numbers, strings, arrays, objects, Float32Arrays) that `fromState` rebuilds it from. */
  toState(): object;
  /** Validation MAP@k of the last fit, when it had validation customers. */
  readonly lastFit: { validationMap: number | null; ms: number; rows: number; epochs: number; rowsPerSecond: number; backend: string } | null;
}

export interface Reason {
  code: string;
  /** Contribution to the final score (0 for gate rules). */
  weight: number;
  /** Plain-language sentence (English; src/explain renders it in other languages). */
  text: string;
  /** What the text quotes (a product, an amount, the customer's tolerance …), so it can be re-rendered. */
  evidence?: string;
}

export interface RankedItem { product: ProductInfo; score: number; reasons: Reason[] }

export interface RecommendRequest {
  first: number;
  category?: ProductCategory | null;
}

/** A product the suitability gate removed, and the rule that removed it. */
export interface Exclusion { productId: string; rule: string; detail: string }

export interface RankedList {
  items: RankedItem[];
  excluded: Exclusion[];
  /** Name and config digest of the blend that produced the list. */
  recommender: string;
  configHash: string;
  /** The saved model version (ModelVersion id) the list was scored with; null/absent when every model was fitted in-process. */
  modelVersion?: string | null;
  /** Version of the suitability rule set the gate applied (src/recommend/rules). */
  ruleSetVersion?: string;
  /** What the customer should know about the whole list, e.g. NO_RISK_PROFILE. */
  notices?: Notice[];
}

/** A list-level message (not about one item), e.g. "complete the risk questionnaire to see investments". */
export interface Notice { code: string; message: string }
