// The claim detector: which reasons a piece of text *says*, found with an independent lexicon of the
// words that express each reason's concept in each language (deliberately not the templates, so
// it also judges free text: the faithfulness tests and every LLM-written explanation).
// Text is compared lower-cased and without accents; product names (and other quoted strings the
// caller knows are names) are removed first, so "Medium-term Deposit" claims no horizon.
import type { ReasonCode } from './codes';
import type { Language } from './phrases';

type Lexicon = Record<ReasonCode, readonly RegExp[]>;

const EN: Lexicon = {
  SIMILAR_CUSTOMERS: [/profiles? (and products )?(like|similar to) yours/, /(?<!active )customers (just )?like you\b/, /(?<!active )customers similar to you\b/, /similar customers/, /people like you\b/],
  OFTEN_HELD_WITH: [/held together with/, /(often|usually|commonly|frequently) (held|owned|combined|paired|taken) (together )?(with|alongside)/, /goes (well )?with/, /pairs? well with/],
  USED_TO_HOLD: [/you held it\b/, /take it up again/, /you (used to|previously) (hold|have|own)/, /you (had|held) (it|this)( product)? (before|previously)/, /\bhold it again\b/],
  COMMON_NEXT_STEP: [/added next/, /next step/, /\b(add|take|choose|open) next\b/],
  POPULAR_NOW: [/\bpopular/, /trending/, /best[- ]?sell/, /in (high )?demand/, /many customers are (choosing|buying|opening)/],
  MATCHES_YOUR_PRODUCTS: [/features match/, /match(es)? (the|your) products you/, /fits? (in )?with (the )?products you (hold|have)/, /complements? (your|the products)/],
  ACTIVE_CUSTOMERS_CHOOSE: [/active customers/],
  LEARNED_FROM_SIMILAR_PATHS: [/changed like yours/, /similar (paths?|journeys?|trajector)/, /went on to (add|take|open|choose)/, /paths? like yours/],
  SIMILAR_FEATURES: [/similar features/, /features (are |that are )?similar/, /features in common/, /shares? (its |many )?features/],
  SAME_CUSTOMERS_AS: [/same (kind|type|sort) of customers/, /same customers/],
  NEW_PRODUCT: [/new (in|to) our range/, /\bnew product/, /newly (added|launched|introduced)/, /(just|recently) (launched|introduced)/, /latest addition/, /brand[- ]new/],
  MATCHES_YOUR_NEED: [/match(es|ing)? what you (asked|are looking|were looking|need|described)/, /match(es)? your (needs?|request|description)/, /close to what you (asked|described|need|want)/],
  WANTED_CATEGORY: [/(type|kind|sort|category) of product you/, /the (type|kind|category) you (asked|wanted|want|are looking)/],
  SUITS_YOUR_GOAL: [/\bgoals?\b/, /\bobjectives?\b/, /what you are saving for/],
  WITHIN_YOUR_RISK_APPETITE: [/risk you('re| are| were) (willing|prepared|happy)/, /risk you (said|told|want|accept|can accept|stated)/, /risk appetite/, /appetite for risk/, /willing to take/, /\bno (capital )?risk\b/, /risk[- ]free/, /without (any )?risk/, /low[- ]risk/],
  FITS_YOUR_HORIZON: [/horizon/, /time ?frame/, /term fits/, /how long you (want|plan|intend|wish)/],
  EASY_ACCESS: [/withdraw/, /take (your|the) money out/, /access (to )?(your|the) money/, /access (it )?(at )?any ?time/, /(instant|easy|immediate) access/, /when you need it/, /\bliquid/],
  AMOUNT_MEETS_MINIMUM: [/\bminimum\b/],
  IN_YOUR_CURRENCY: [/your currency/, /same currency/, /currency you/, /denominated in/],
  CUSTOMERS_LIKE_YOU_USE_LINE: [/product line/],
  FITS_WHAT_YOU_DESCRIBED: [/what you described/, /kind of product that fits/],
  LOW_COST: [/low[- ]cost/, /\bcheap/, /inexpensive/, /among the (lowest|cheapest)/, /\blow (fees?|charges?|costs?)/, /\blowest (fees?|charges?|costs?)/, /(fees?|charges?|costs?) (are|is) low/],
  RISK_WITHIN_TOLERANCE: [/risk tolerance/, /tolerance for risk/, /within your tolerance/, /your risk profile/],
  AGE_ELIGIBLE: [/age (requirement|limit|range|bracket|criteri|restriction)/, /\bages? \d/, /eligible (for|at) your age/, /right age/, /your age/],
};

const ES: Lexicon = {
  SIMILAR_CUSTOMERS: [/perfil(es)? (y (unos )?productos )?(como|parecidos? a|similares? a) (el |los )?tuyos?/, /clientes (como tu|parecidos a ti|similares a ti)\b/, /personas como tu\b/],
  OFTEN_HELD_WITH: [/junto (con|a)\b/, /se (suele|suelen) (tener|contratar|combinar)/, /(combina|encaja) bien con/],
  USED_TO_HOLD: [/lo tuviste/, /volver a contratar/, /lo (tenias|has tenido) antes/, /vuelv\w* a contratar/],
  COMMON_NEXT_STEP: [/a continuacion/, /(siguiente|proximo) paso/, /suelen anadir despues/],
  POPULAR_NOW: [/popular/, /de moda/, /mas vendid/, /muy demandad/, /tendencia/],
  MATCHES_YOUR_PRODUCTS: [/caracteristicas (encajan|coinciden|casan)/, /encaja con (los productos que tienes|tus productos)/],
  ACTIVE_CUSTOMERS_CHOOSE: [/clientes activos/],
  LEARNED_FROM_SIMILAR_PATHS: [/cambiaron como los tuyos/, /trayectoria (parecida|similar)/, /evolucion (parecida|similar)/, /acabaron contratando/],
  SIMILAR_FEATURES: [/caracteristicas (parecidas|similares)/, /caracteristicas en comun/],
  SAME_CUSTOMERS_AS: [/mismo tipo de clientes/, /mismos clientes/],
  NEW_PRODUCT: [/nuevo en nuestra gama/, /producto nuevo/, /novedad/, /recien (lanzado|incorporado|llegado)/, /acabamos de lanzar/],
  MATCHES_YOUR_NEED: [/\blo que (pediste|has pedido|buscas|buscabas|necesitas)/, /tu (necesidad|peticion|solicitud)/],
  WANTED_CATEGORY: [/(tipo|clase) de producto que (pediste|has pedido|buscas|quieres|querias)/],
  SUITS_YOUR_GOAL: [/objetivo/, /\bmeta\b/, /finalidad/],
  WITHIN_YOUR_RISK_APPETITE: [/riesgo que (estas dispuesto|quieres|aceptas|dijiste|puedes asumir)/, /dispuest[oa] a asumir/, /apetito de riesgo/, /sin riesgo/, /bajo riesgo/, /riesgo bajo/],
  FITS_YOUR_HORIZON: [/horizonte/, /plazo (de \d+ meses )?se ajusta/, /(tiempo|plazo) que (quieres|piensas|tienes previsto)/],
  EASY_ACCESS: [/retirar/, /disponer de tu dinero/, /acceso (inmediato|a tu dinero|en cualquier momento)/, /liquidez/, /cuando lo necesites/],
  AMOUNT_MEETS_MINIMUM: [/\bminimo\b/],
  IN_YOUR_CURRENCY: [/tu (moneda|divisa)/, /misma (moneda|divisa)/, /denominad[oa] en/],
  CUSTOMERS_LIKE_YOU_USE_LINE: [/linea de productos/, /nuestra linea\b/],
  FITS_WHAT_YOU_DESCRIBED: [/lo que describiste/, /tipo de producto que encaja/],
  LOW_COST: [/bajo coste/, /barat[oa]/, /entre los mas bajos/, /comisi(on|ones) baja/, /gastos? (corrientes )?bajos?/],
  RISK_WITHIN_TOLERANCE: [/tolerancia/, /perfil de riesgo/],
  AGE_ELIGIBLE: [/requisito de edad/, /edad (minima|maxima|requerida)/, /limite de edad/, /tu edad/],
};

const LEXICONS: Record<Language, Lexicon> = { en: EN, es: ES };

/** Lower-case, accents removed, typographic quotes and runs of spaces normalised. */
export function normalise(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
}

export interface ClaimOptions {
  /** Quoted strings to remove before matching: the product's own name, the reasons' evidence. */
  ignore?: readonly string[];
}

/** The reason codes the text claims, in the given language. */
export function claimedReasons(text: string, language: Language, options: ClaimOptions = {}): Set<string> {
  let t = normalise(text);
  for (const name of options.ignore ?? []) {
    const n = normalise(name).trim();
    if (n.length >= 3 && /\p{L}/u.test(n)) t = t.split(n).join(' '); // never digits or stray letters
  }
  const out = new Set<string>();
  for (const [code, patterns] of Object.entries(LEXICONS[language])) {
    if (patterns.some((p) => p.test(t))) out.add(code);
  }
  return out;
}
