// Spanish wording (tuteo, as the bank's apps speak) for every reason code: `text` stands alone,
// `clause` is joined into an explanation after "porque". Evidence that names a product arrives in
// the recommenders' English ("your X", "the X you held until recently") and is put into Spanish here.
import { formatNumber } from './format';
import { ageBounds, type PhraseContext, type PhraseTable } from './phrases';

type E = string | undefined;

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const paren = (e: E): string => (e ? ` (${e})` : '');

/** A product reference from recommender evidence, in Spanish. */
export function productRef(e: string): string {
  let m = /^the (.+) you held until recently$/.exec(e);
  if (m) return `${m[1]}, que tuviste hasta hace poco`;
  m = /^the (.+) you recently added$/.exec(e);
  if (m) return `${m[1]}, que contrataste hace poco`;
  m = /^your (.+)$/.exec(e);
  if (m) return `tu ${m[1]}`;
  m = /^the (.+)$/.exec(e);
  return m ? m[1] : e;
}

function riskGate(e: E, ctx: PhraseContext): string {
  const level = ctx.product?.riskLevel;
  return `su nivel de riesgo${level != null ? ` (${level} de 7)` : ''} está dentro de tu tolerancia al riesgo${e ? ` (${e} de 7)` : ''}`;
}

function horizon(e: E, ctx: PhraseContext): string {
  const term = ctx.product?.termMonths;
  if (!e) return 'se ajusta a tu horizonte temporal';
  return term ? `su plazo de ${term} meses se ajusta a tu horizonte de ${e}` : `se ajusta a tu horizonte de ${e}`;
}

function minimum(e: E, ctx: PhraseContext): string {
  const p = ctx.product;
  const min = p?.minAmount != null ? ` de ${formatNumber(p.minAmount, 'es')} ${p.currency ?? ''}`.trimEnd() : '';
  return `la cantidad que quieres aportar${paren(e)} cubre su importe mínimo${min}`;
}

function cost(e: E, ctx: PhraseContext): string {
  const fee = e ?? (ctx.product?.managementFeePercent != null ? `${formatNumber(ctx.product.managementFeePercent, 'es')} % al año` : undefined);
  return `sus gastos corrientes${paren(fee)} están entre los más bajos de su categoría`;
}

const same = (clause: (e: E, ctx: PhraseContext) => string) => ({ text: (e: E, c: PhraseContext) => cap(clause(e, c)), clause });

export const ES: PhraseTable = {
  SIMILAR_CUSTOMERS: same(() => 'clientes con un perfil y unos productos como los tuyos lo contrataron'),
  OFTEN_HELD_WITH: same((e) => `se suele tener junto con ${e ? productRef(e) : 'productos como los tuyos'}`),
  USED_TO_HOLD: same(() => 'lo tuviste hasta hace poco, y los clientes en esa situación suelen volver a contratarlo'),
  COMMON_NEXT_STEP: same(() => 'es lo que suelen añadir a continuación los clientes en tu situación'),
  POPULAR_NOW: same(() => 'es popular entre los clientes en este momento'),
  MATCHES_YOUR_PRODUCTS: same((e) => `sus características encajan con ${e ? productRef(e) : 'los productos que tienes'}`),
  ACTIVE_CUSTOMERS_CHOOSE: same(() => 'clientes activos parecidos a ti lo eligieron hace poco'),
  LEARNED_FROM_SIMILAR_PATHS: same(() => 'clientes cuyos productos cambiaron como los tuyos acabaron contratándolo'),
  SIMILAR_FEATURES: same((e) => `tiene características parecidas a ${e ? productRef(e) : 'productos que conoces'}`),
  SAME_CUSTOMERS_AS: same((e) => `lo elige el mismo tipo de clientes que ${e ? productRef(e) : 'otros productos que conoces'}`),
  NEW_PRODUCT: { text: () => 'Es nuevo en nuestra gama y está disponible para ti', clause: () => 'es nuevo en nuestra gama' },

  MATCHES_YOUR_NEED: same((e) => (e ? `encaja con lo que pediste: ${e}` : 'encaja con lo que pediste')),
  WANTED_CATEGORY: same((e) => `es del tipo de producto que pediste${paren(e)}`),
  SUITS_YOUR_GOAL: same((e) => (e ? `se ajusta a tu objetivo: ${e}` : 'se ajusta a tu objetivo')),
  WITHIN_YOUR_RISK_APPETITE: {
    text: (e, c) => `Su nivel de riesgo${c.product?.riskLevel != null ? ` (${c.product.riskLevel} de 7)` : ''} se ajusta al riesgo que estás dispuesto a asumir${paren(e)}`,
    clause: (e) => `se ajusta al riesgo que estás dispuesto a asumir${paren(e)}`,
  },
  FITS_YOUR_HORIZON: same(horizon),
  EASY_ACCESS: same((e) => `puedes retirar tu dinero cuando lo necesites${paren(e)}`),
  AMOUNT_MEETS_MINIMUM: same(minimum),
  IN_YOUR_CURRENCY: same((e) => `está en tu moneda${paren(e)}`),
  FITS_WHAT_YOU_DESCRIBED: same((e) => `es el tipo de producto que encaja con lo que describiste${e ? ` (${e})` : ''}`),
  CUSTOMERS_LIKE_YOU_USE_LINE: same((e) => `pertenece a ${e ? `nuestra línea ${e}` : 'una línea'}, una línea de productos adecuada para clientes en tu situación`),
  LOW_COST: same(cost),

  RISK_WITHIN_TOLERANCE: same(riskGate),
  AGE_ELIGIBLE: same((e, c) => `cumples su requisito de edad${paren(ageBounds(e, c))}`),
};
