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

export async function loadProducts(db: Db, opts: { activeOnly?: boolean } = {}): Promise<ProductInfo[]> {
  const rows = await db.product.findMany({ where: opts.activeOnly ? { active: true } : undefined, orderBy: { code: 'asc' } });
  return rows.map(toProductInfo);
}

/** One customer's current state, or null when the customer does not exist. */
export async function loadCustomerState(db: Db, customerId: string): Promise<CustomerState | null> {
  const customer = await db.customer.findUnique({ where: { id: customerId } });
  if (!customer) return null;
  const interactions = await db.interaction.findMany({
    where: { customerId },
    select: { productId: true, kind: true, value: true, occurredAt: true },
  });
  return buildCustomerState(toProfile(customer), interactions.map(toEvent));
}

const PAGE = 5_000;

/**
 * Everything the recommenders learn from, read page by page (keyset on customer id) so that
 * memory stays bounded by the result, not by driver buffers.
 */
export async function loadTrainingData(db: Db, opts: { customerIds?: ReadonlySet<string> } = {}): Promise<TrainingData> {
  const products = await loadProducts(db);
  const customers: CustomerState[] = [];
  const examples: AdditionExample[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await db.customer.findMany({
      take: PAGE, orderBy: { id: 'asc' },
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (page.length === 0) break;
    cursor = page.at(-1)!.id;
    const wanted = opts.customerIds ? page.filter((c) => opts.customerIds!.has(c.id)) : page;
    if (wanted.length === 0) continue;
    const interactions = await db.interaction.findMany({
      where: { customerId: { in: wanted.map((c) => c.id) } },
      select: { customerId: true, productId: true, kind: true, value: true, occurredAt: true },
    });
    const byCustomer = new Map<string, BehaviourEvent[]>();
    for (const i of interactions) {
      let list = byCustomer.get(i.customerId);
      if (!list) byCustomer.set(i.customerId, (list = []));
      list.push(toEvent(i));
    }
    for (const c of wanted) {
      const profile = toProfile(c);
      const history = byCustomer.get(c.id) ?? [];
      customers.push(buildCustomerState(profile, history));
      examples.push(...additionExamples(profile, history));
    }
  }
  return { products, customers, examples };
}
