// Every write the API accepts, each validated against the store before anything is written.
// The scoring service (service.ts) calls these and then invalidates what they changed; nothing
// here knows about caches or transports.
import type { Db } from '../store/db';
import type { Customer, Feedback, Interaction, Product } from '../store/generated/sqlite/client';
import { Prisma } from '../store/generated/sqlite/client';
import { toProductInfo } from '../store/snapshot';
import { InvalidInputError, NotFoundError } from './errors';
import { PSEUDONYM_PREFIX } from '../privacy/erase';
import type { LiquidityNeed, ProductCategory, ProductInfo } from './types';

export type FeedbackKind = 'CLICK' | 'PURCHASE' | 'DISMISS' | 'RATING';
/** Kinds an API client may record. HOLD is not one: holdings arrive as monthly snapshots by import. */
export const RECORDABLE_KINDS = ['VIEW', 'SEARCH', 'CLICK', 'PURCHASE', 'CANCEL', 'DISMISS', 'RATING'] as const;
export type RecordableKind = (typeof RECORDABLE_KINDS)[number];

export interface InteractionInput {
  userId: string; productId: string; kind: RecordableKind; value?: number | null;
  occurredAt?: Date | null; source?: string | null;
  /** The same key twice for one customer is one event (retries of the API and of partner batches). */
  idempotencyKey?: string | null;
}
export interface FeedbackInput {
  userId: string; productId: string; kind: FeedbackKind; value?: number | null;
  recommendationListId?: string | null; idempotencyKey?: string | null;
}
export interface UserInput {
  id: string; age?: number | null; income?: number | null; segment?: string | null;
  seniorityMonths?: number | null; active?: boolean | null; region?: string | null; joinedAt?: Date | null;
  riskTolerance?: number | null; investmentHorizonMonths?: number | null; liquidityNeed?: LiquidityNeed | null;
}
export interface ProductInput {
  code: string; name?: string | null; category?: ProductCategory | null; riskLevel?: number | null;
  interestRate?: number | null; apr?: number | null; annualFee?: number | null; managementFeePercent?: number | null;
  termMonths?: number | null; minAge?: number | null; maxAge?: number | null; minAmount?: number | null;
  currency?: string | null; description?: string | null; active?: boolean | null;
  lineCode?: string | null; subcategory?: string | null; issuer?: string | null; isin?: string | null;
}

/**
 * Sources FinRec itself writes under: the importers ("import:…") and submitFeedback ("feedback").
 * A client recording under them could forge imported history or collide with feedback rows.
 */
export function isReservedSource(source: string): boolean {
  return source === 'feedback' || source.startsWith('import:') || source === 'import';
}

/** Clock skew tolerated for client-supplied event times. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** No bank event or customer relationship predates this: an earlier date is a client bug (year 1, a zero time). */
const EARLIEST_DATE = new Date(Date.UTC(1900, 0, 1));

function checkDate(field: string, value: Date | null | undefined, now: Date): void {
  if (value == null) return;
  if (value.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw new InvalidInputError(field, `${field} is in the future`);
  if (value.getTime() < EARLIEST_DATE.getTime()) throw new InvalidInputError(field, `${field} is before 1900`);
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}

async function requireCustomer(db: Db, id: string): Promise<void> {
  if (!(await db.customer.findFirst({ where: { id, erasedAt: null }, select: { id: true } }))) throw new NotFoundError('userId', 'User', id);
}
async function requireProduct(db: Db, id: string): Promise<void> {
  if (!(await db.product.findUnique({ where: { id }, select: { id: true } }))) throw new NotFoundError('productId', 'Product', id);
}

/** The most a value (an amount in EUR for purchases, a count …) may be: a sanity bound, not a limit. */
const MAX_VALUE = 1e12;

function checkRating(kind: string, value: number | null | undefined): void {
  if (value != null && (!Number.isFinite(value) || value < 0 || value > MAX_VALUE)) {
    throw new InvalidInputError('value', `value must be between 0 and ${MAX_VALUE} (got ${value})`);
  }
  if (kind === 'RATING' && (value == null || value < 1 || value > 5)) {
    throw new InvalidInputError('value', 'a RATING needs a value between 1 and 5');
  }
}

/** Domain invariants that hold whoever writes (API, CLI, tests): the SRI scale is 1–7. */
function checkScale(field: string, value: number | null | undefined): void {
  if (value != null && (!Number.isInteger(value) || value < 1 || value > 7)) {
    throw new InvalidInputError(field, `${field} must be an integer from 1 to 7`);
  }
}

export interface Problem { field: string; message: string }

/** Every problem of one event that needs no store: kind, source, value, time (recordInteraction and batch ingest). */
export function eventProblems(input: InteractionInput, now: Date): Problem[] {
  const problems: Problem[] = [];
  const check = (f: () => void) => {
    try { f(); } catch (e) { if (e instanceof InvalidInputError) problems.push({ field: e.field, message: e.message }); else throw e; }
  };
  if (!(RECORDABLE_KINDS as readonly string[]).includes(input.kind)) {
    problems.push({ field: 'kind', message: `kind must be one of ${RECORDABLE_KINDS.join(', ')} (holdings are imported as snapshots)` });
  }
  if (input.source != null && isReservedSource(input.source)) {
    problems.push({ field: 'source', message: `source "${input.source.slice(0, 40)}" is reserved for FinRec's own writers (imports, feedback)` });
  }
  check(() => checkRating(input.kind, input.value));
  check(() => checkDate('occurredAt', input.occurredAt, now));
  return problems;
}

/** The row an event is stored as; without occurredAt it happened `now`. */
export function eventRow(input: InteractionInput, now: Date) {
  return {
    customerId: input.userId, productId: input.productId, kind: input.kind, value: input.value ?? null,
    occurredAt: input.occurredAt ?? now, source: input.source ?? 'api', idempotencyKey: input.idempotencyKey ?? null,
  };
}

/**
 * Whether a stored interaction is the event `input` describes: a retry of it. The time is compared
 * only when the client gave one (a retry without occurredAt happens at another "now").
 */
export function sameEvent(stored: Interaction, input: InteractionInput): boolean {
  return stored.customerId === input.userId && stored.productId === input.productId && stored.kind === input.kind
    && (stored.value ?? null) === (input.value ?? null) && stored.source === (input.source ?? 'api')
    && (input.occurredAt == null || stored.occurredAt.getTime() === input.occurredAt.getTime());
}

export const KEY_REUSED = (what: string) => `this idempotencyKey was already used for a different ${what}; nothing was written`;

/**
 * Idempotency keys are per customer (unique on customerId + key): the same key for another customer
 * is another event. A global key would let one customer take a partner's predictable key first (the
 * partner's event, or whole batch, refused) and probe which keys others used.
 */
const keyOf = (customerId: string, idempotencyKey: string) => ({ customerId_idempotencyKey: { customerId, idempotencyKey } });

/** The interaction stored under the input's customer and idempotency key, or null; a different event under it is an error. */
async function replayedEvent(db: Db, input: InteractionInput): Promise<Interaction | null> {
  if (!input.idempotencyKey) return null;
  const stored = await db.interaction.findUnique({ where: keyOf(input.userId, input.idempotencyKey) });
  if (stored && !sameEvent(stored, input)) throw new InvalidInputError('idempotencyKey', KEY_REUSED('event'));
  return stored;
}

export interface InteractionResult { interaction: Interaction; replayed: boolean }

/**
 * Record one behavioural event. A retry is one row: the same customer's idempotency key with the
 * same event, or (without a key) the same customer, product, kind, time and source, returns the
 * stored row and writes nothing (`replayed`); the same key with another event of that customer is
 * refused. Two concurrent calls with one key race on the (customer, key) unique index: the loser
 * re-reads the winner's row.
 */
export async function recordInteractionOnce(db: Db, input: InteractionInput, now = new Date()): Promise<InteractionResult> {
  const [problem] = eventProblems(input, now);
  if (problem) throw new InvalidInputError(problem.field, problem.message);
  const first = await replayedEvent(db, input);
  if (first) return { interaction: first, replayed: true };
  await requireCustomer(db, input.userId);
  await requireProduct(db, input.productId);
  const row = eventRow(input, now);
  try {
    return { interaction: await db.interaction.create({ data: row }), replayed: false };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const winner = await replayedEvent(db, input);
    if (winner) return { interaction: winner, replayed: true };
    const { customerId, productId, kind, occurredAt, source } = row;
    const stored = await db.interaction.findUnique({ where: { customerId_productId_kind_occurredAt_source: { customerId, productId, kind, occurredAt, source } } });
    if (!stored) throw e;
    // A repeat of the same event is the same row; the same event with another value is a different
    // claim about one event, which would otherwise be acknowledged and silently dropped.
    if ((stored.value ?? null) !== row.value) {
      throw new InvalidInputError('value', `this event (same user, product, kind, occurredAt and source) was already recorded with value ${stored.value ?? 'null'}`);
    }
    return { interaction: stored, replayed: true };
  }
}


function sameFeedback(f: Feedback, input: FeedbackInput): boolean {
  return f.customerId === input.userId && f.productId === input.productId && f.kind === input.kind
    && (f.value ?? null) === (input.value ?? null) && (f.recommendationListId ?? null) === (input.recommendationListId ?? null);
}

/** The feedback already stored under this customer's idempotency key, or null; a different content is an error. */
async function replayed(db: Db, input: FeedbackInput): Promise<Feedback | null> {
  if (!input.idempotencyKey) return null;
  const existing = await db.feedback.findUnique({ where: keyOf(input.userId, input.idempotencyKey) });
  if (existing && !sameFeedback(existing, input)) {
    throw new InvalidInputError('idempotencyKey', KEY_REUSED('feedback'));
  }
  return existing;
}

async function validateFeedback(db: Db, input: FeedbackInput): Promise<void> {
  checkRating(input.kind, input.value);
  await requireCustomer(db, input.userId);
  await requireProduct(db, input.productId);
  if (input.recommendationListId) {
    const list = await db.recommendationList.findUnique({
      where: { id: input.recommendationListId },
      select: { customerId: true, items: { where: { productId: input.productId }, select: { id: true } } },
    });
    if (!list) throw new NotFoundError('recommendationListId', 'Recommendation list', input.recommendationListId);
    if (list.customerId !== input.userId) throw new InvalidInputError('recommendationListId', 'the recommendation list was served to another user');
    if (list.items.length === 0) throw new InvalidInputError('productId', 'the product is not in that recommendation list');
  }
}

export interface FeedbackResult { feedback: Feedback; replayed: boolean }

/**
 * Store explicit feedback and, in the same transaction, the matching Interaction (source
 * "feedback") through which the recommenders see it. With an idempotency key, a repeated call for
 * the same customer returns the first feedback and writes nothing — also when the two calls race.
 */
export async function submitFeedback(db: Db, input: FeedbackInput, now = () => new Date()): Promise<FeedbackResult> {
  const first = await replayed(db, input);
  if (first) return { feedback: first, replayed: true };
  await validateFeedback(db, input);
  for (let attempt = 0; ; attempt++) {
    try {
      const feedback = await db.$transaction(async (tx) => {
        const at = now();
        const created = await tx.feedback.create({
          data: {
            customerId: input.userId, productId: input.productId, kind: input.kind, value: input.value ?? null,
            recommendationListId: input.recommendationListId ?? null, idempotencyKey: input.idempotencyKey ?? null, createdAt: at,
          },
        });
        await tx.interaction.create({
          data: { customerId: input.userId, productId: input.productId, kind: input.kind, value: input.value ?? null, occurredAt: at, source: 'feedback' },
        });
        return created;
      });
      return { feedback, replayed: false };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      // Either a concurrent call with this customer's idempotency key won (return its feedback), or an
      // identical event landed in the same millisecond (try again with a fresh timestamp).
      const winner = await replayed(db, input);
      if (winner) return { feedback: winner, replayed: true };
      if (attempt >= 3) throw e;
      await new Promise((r) => setTimeout(r, 2));
    }
  }
}

/** Only the fields the client sent: undefined leaves a column unchanged, null clears it. */
function present<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function upsertUser(db: Db, input: UserInput, now = new Date()): Promise<Customer> {
  const { id, ...fields } = input;
  if (!id.trim()) throw new InvalidInputError('id', 'id must not be empty');
  // Pseudonyms of erased customers keep the audit trail; nobody may turn one back into a customer.
  if (id.startsWith(PSEUDONYM_PREFIX)) throw new InvalidInputError('id', `ids starting with "${PSEUDONYM_PREFIX}" are reserved for erased customers`);
  checkDate('joinedAt', input.joinedAt, now);
  checkText('segment', input.segment);
  checkText('region', input.region);
  checkScale('riskTolerance', input.riskTolerance);
  const data = present(fields);
  return db.customer.upsert({ where: { id }, create: { id, ...data }, update: data });
}

const REQUIRED_ON_CREATE = ['name', 'category', 'riskLevel', 'description'] as const;

/** Text shown to customers must say something: whitespace alone is not a name. */
function checkText(field: string, value: string | null | undefined): void {
  if (value != null && value.trim() === '') throw new InvalidInputError(field, `${field} must not be blank`);
}

/**
 * An instrument's line must be an existing product line (a product with no line of its own), and a
 * line that instruments belong to cannot itself become an instrument: lines are one level deep.
 */
async function checkLine(db: Db, code: string, lineCode: string | null | undefined): Promise<void> {
  if (lineCode == null) return;
  if (lineCode === code) throw new InvalidInputError('lineCode', 'a product cannot be its own product line');
  const line = await db.product.findUnique({ where: { code: lineCode }, select: { lineCode: true } });
  if (!line) throw new InvalidInputError('lineCode', `lineCode "${lineCode.slice(0, 80)}" is not the code of an existing product line`);
  if (line.lineCode !== null) throw new InvalidInputError('lineCode', `"${lineCode.slice(0, 80)}" is an instrument of the line "${line.lineCode}", not a product line`);
  if (await db.product.findFirst({ where: { lineCode: code }, select: { id: true } })) {
    throw new InvalidInputError('lineCode', `${code} is the product line of other products and cannot belong to a line itself`);
  }
}

export async function upsertProduct(db: Db, input: ProductInput, retried = false): Promise<ProductInfo> {
  checkScale('riskLevel', input.riskLevel);
  checkText('name', input.name);
  checkText('description', input.description);
  checkText('subcategory', input.subcategory);
  checkText('issuer', input.issuer);
  await checkLine(db, input.code, input.lineCode);
  const existing = await db.product.findUnique({ where: { code: input.code } });
  const { code, ...fields } = input;
  const data = present(fields);
  const merged = { ...existing, ...data };
  if (!existing) {
    for (const f of REQUIRED_ON_CREATE) {
      if (data[f] == null) throw new InvalidInputError(f, `${f} is required to create a product`);
    }
  } else {
    for (const f of REQUIRED_ON_CREATE) if (f in data && data[f] === null) throw new InvalidInputError(f, `${f} cannot be cleared`);
  }
  if (merged.minAge != null && merged.maxAge != null && merged.minAge > merged.maxAge) {
    throw new InvalidInputError('minAge', 'minAge must not exceed maxAge');
  }
  // currency and active have defaults: null means "back to the default" on create, "unchanged" on update.
  const currency = data.currency === null ? undefined : data.currency;
  const active = data.active === null ? undefined : data.active;
  // The checks above guarantee the required columns; the casts only tell TypeScript so.
  let row: Product;
  if (existing) {
    row = await db.product.update({ where: { code }, data: { ...data, currency, active } as Prisma.ProductUpdateInput });
  } else {
    try {
      // Products created through the API say so (Product.source); an update keeps the source it had.
      row = await db.product.create({ data: { code, ...data, currency, active, source: 'api' } as Prisma.ProductCreateInput });
    } catch (e) {
      // Another call created this code since we looked: ours becomes an update of it.
      if (!isUniqueViolation(e) || retried) throw e;
      return upsertProduct(db, input, true);
    }
  }
  return toProductInfo(row);
}
