// The Santander catalog as ProductInfo for evaluation without a database: id = code.
import { SANTANDER_CATALOG } from '../ingest/catalog/santanderProducts';
import type { ProductInfo } from '../recommend/types';

export function catalogProducts(): ProductInfo[] {
  return SANTANDER_CATALOG.map((p) => ({
    id: p.code, code: p.code, name: p.name, category: p.category, riskLevel: p.riskLevel,
    interestRate: null, apr: null, annualFee: null, managementFeePercent: null,
    termMonths: p.termMonths ?? null, minAge: p.minAge ?? null, maxAge: p.maxAge ?? null, minAmount: p.minAmount ?? null,
    currency: 'EUR', description: p.description, active: true,
  }));
}
