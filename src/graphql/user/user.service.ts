// Read side of customers for the API. The mapping to `User` is the one place that decides what
// of a customer is public: protected attributes are dropped here.
import type { Db } from '../../store/db';
import type { Customer } from '../../store/generated/sqlite/client';
import { pageOf, toConnection, type ConnectionShape, type PageArgs } from '../common/connection';
import type { User } from './user.type';

const CURSOR = 'user';

export function toUser(c: Customer): User {
  return {
    id: c.id, age: c.age, income: c.income, segment: c.segment, seniorityMonths: c.seniorityMonths,
    active: c.active, region: c.region, joinedAt: c.joinedAt, createdAt: c.createdAt, updatedAt: c.updatedAt,
    financialProfile: { riskTolerance: c.riskTolerance, investmentHorizonMonths: c.investmentHorizonMonths, liquidityNeed: c.liquidityNeed },
  };
}

export class UserService {
  constructor(private readonly db: Db) {}

  async byId(id: string): Promise<User | null> {
    const row = await this.db.customer.findFirst({ where: { id, erasedAt: null } }); // a pseudonym of an erased customer is not a customer
    return row ? toUser(row) : null;
  }

  async list(args: PageArgs): Promise<ConnectionShape<User>> {
    const { first, afterKey: afterId } = pageOf(args, CURSOR);
    const rows = await this.db.customer.findMany({
      where: { erasedAt: null, ...(afterId ? { id: { gt: afterId } } : {}) }, orderBy: { id: 'asc' }, take: first + 1,
    });
    return toConnection(rows, first, CURSOR, (r) => r.id, toUser);
  }
}
