// Reads the store into the plain values the recommenders work on (recommend/types.ts).
// The only module that maps Prisma rows to domain values.
import type { Customer, Interaction, Product } from './generated/sqlite/client';
import type { Db } from './db';
import { additionExamples, buildCustomerState } from '../recommend/customerState';
import type { AdditionExample, BehaviourEvent, CustomerProfile, CustomerState, ProductInfo, TrainingData } from '../recommend/types';

export function toProductInfo(p: Product): ProductInfo {
  return {
    id: p.id, code: p.code, name: p.name, category: p.category, riskLevel: p.riskLevel,
    interestRate: p.interestRate, apr: p.apr, annualFee: p.annualFee, managementFeePercent: p.managementFeePercent,
    termMonths: p.termMonths, minAge: p.minAge, maxAge: p.maxAge, minAmount: p.minAmount,
    currency: p.currency, description: p.description, active: p.active,
    lineCode: p.lineCode, subcategory: p.subcategory, issuer: p.issuer, isin: p.isin, riskBasis: p.riskBasis, source: p.source,
  };
}

/** Profile as models may see it: protected attributes (sex, residence, birth country) are dropped here. */
export function toProfile(c: Customer): CustomerProfile {
  return {
    id: c.id, age: c.age, income: c.income, segment: c.segment, seniorityMonths: c.seniorityMonths,
    active: c.active, region: c.region, riskTolerance: c.riskTolerance,
    investmentHorizonMonths: c.investmentHorizonMonths, liquidityNeed: c.liquidityNeed,
  };
}

function toEvent(i: Pick<Interaction, 'productId' | 'kind' | 'value' | 'occurredAt'>): BehaviourEvent {
  return { productId: i.productId, kind: i.kind, value: i.value, at: i.occurredAt };
}

/**
 * The catalog, ordered by code. `linesOnly`: product lines only, without the instruments within
 * them (imported funds): what the behavioural recommenders fit and rank.
 */
export async function loadProducts(db: Db, opts: { activeOnly?: boolean; linesOnly?: boolean } = {}): Promise<ProductInfo[]> {
  const rows = await db.product.findMany({
    where: { ...(opts.activeOnly ? { active: true } : {}), ...(opts.linesOnly ? { lineCode: null } : {}) },
    orderBy: { code: 'asc' },
  });
  return rows.map(toProductInfo);
}

/** One customer's current state, or null when the customer does not exist. */
export async function loadCustomerState(db: Db, customerId: string): Promise<CustomerState | null> {
  return (await loadCustomerStates(db, [customerId])).get(customerId) ?? null;
}

/** The current state of each existing customer among `ids` (two queries, whatever the count). */
export async function loadCustomerStates(db: Db, ids: readonly string[]): Promise<Map<string, CustomerState>> {
  if (ids.length === 0) return new Map();
  const customers = await db.customer.findMany({ where: { id: { in: [...new Set(ids)] }, erasedAt: null } });
  const histories = await historiesOf(db, customers.map((c) => c.id));
  return new Map(customers.map((c) => [c.id, buildCustomerState(toProfile(c), histories.get(c.id) ?? [])]));
}

/** Every interaction of the given customers, grouped by customer. */
async function historiesOf(db: Db, customerIds: string[]): Promise<Map<string, BehaviourEvent[]>> {
  const byCustomer = new Map<string, BehaviourEvent[]>();
  if (customerIds.length === 0) return byCustomer;
  const interactions = await db.interaction.findMany({
    where: { customerId: { in: customerIds } },
    select: { customerId: true, productId: true, kind: true, value: true, occurredAt: true },
  });
  for (const i of interactions) {
    let list = byCustomer.get(i.customerId);
    if (!list) byCustomer.set(i.customerId, (list = []));
    list.push(toEvent(i));
  }
  return byCustomer;
}

const PAGE = 5_000;

/**
 * Everything the recommenders learn from, read page by page (keyset on customer id) so that
 * memory stays bounded by the result, not by driver buffers.
 */
export async function loadTrainingData(db: Db, opts: { customerIds?: ReadonlySet<string> } = {}): Promise<TrainingData> {
  const products = await loadProducts(db, { linesOnly: true });
  const customers: CustomerState[] = [];
  const examples: AdditionExample[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await db.customer.findMany({
      take: PAGE, orderBy: { id: 'asc' }, where: { erasedAt: null }, // an erased customer's pseudonym is an audit placeholder, not a customer
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (page.length === 0) break;
    cursor = page.at(-1)!.id;
    const wanted = opts.customerIds ? page.filter((c) => opts.customerIds!.has(c.id)) : page;
    if (wanted.length === 0) continue;
    const byCustomer = await historiesOf(db, wanted.map((c) => c.id));
    for (const c of wanted) {
      const profile = toProfile(c);
      const history = byCustomer.get(c.id) ?? [];
      customers.push(buildCustomerState(profile, history));
      examples.push(...additionExamples(profile, history));
    }
  }
  return { products, customers, examples };
}
