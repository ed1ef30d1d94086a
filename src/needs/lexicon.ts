// The parser's vocabulary, English and Spanish, written on folded text (lower case, no accents:
// "jubilación" is matched as "jubilacion"). Within one list, earlier entries win where matches
// overlap, so specific phrases ("not too risky", "brokerage account") come before general ones.
import type { ProductCategory } from '../recommend/types';
import type { Goal, Liquidity, RiskAppetite } from './types';
import { words } from './text';

export interface Entry<T> { re: RegExp; value: T }
const e = <T>(source: string, value: T): Entry<T> => ({ re: words(source), value });

/** Months assumed for a vague horizon ("short term" etc.); documented in README and parseNeed.ts. */
export const SHORT_TERM_MONTHS = 12;
export const MEDIUM_TERM_MONTHS = 36;
export const LONG_TERM_MONTHS = 120;

export const HORIZON_TERMS: Entry<number>[] = [
  e('short[- ]term|short[- ]run|corto plazo|plazo corto|soon|pronto|en breve', SHORT_TERM_MONTHS),
  e('medium[- ]term|mid[- ]term|medio plazo|plazo medio', MEDIUM_TERM_MONTHS),
  e('long[- ]term|long[- ]run|long time horizon|long horizon|largo plazo|plazo largo', LONG_TERM_MONTHS),
];

const NOT = "(?:not|don't|dont|do not|doesn't|never|no)";
export const RISK: Entry<RiskAppetite>[] = [
  // negated risk words first: "not too risky" is cautious, "I don't want to lose money" is no risk
  e('a little (?:bit of )?risk|a bit of risk|some risks?|algo de riesgo|un poco de riesgo', 'MEDIUM'),
  e(`(?:nothing|not|nada|no)\\s+(?:too |very |that |overly |demasiado |muy |tan )?(?:risky|arriesgad[oa])`, 'LOW'),
  e(`${NOT}\\s+(?:want|like|need|wish)\\s+(?:to take |any |much )?(?:risks?|to risk)(?: whatsoever| at all)?`, 'NONE'),
  e(`${NOT}\\s+(?:want to |wanna |afford to |like to )?lose(?: any)?(?: of my| my| the)?(?: money| capital| savings)?`, 'NONE'),
  e(`(?:can't|cannot|can not) afford to lose(?: money| any)?`, 'NONE'),
  e('no (?:quiero|puedo|deseo) (?:perder|arriesgar)(?:los|las|lo|la)?(?: nada| dinero| mi dinero| mis ahorros)?|sin (?:perder|arriesgar)(?:los|las|lo|la)?(?: nada| dinero| mi dinero| mis ahorros)?', 'NONE'),
  e(`(?:${NOT}\\s+(?:want to |wanna |like to )?|without )(?:risk(?:ing)?|gambl(?:e|ing)|los(?:e|ing))(?: it| any of it| away| my| the)?(?: money| capital| savings| away)?`, 'NONE'),
  e('no (?:quiero|deseo) (?:ningun |nada de |mucho )?riesgos?|(?:que )?no (?:pierda|pierdan|perder)(?: nada| dinero)?', 'NONE'),
  e("(?:(?:i'd |i would )?rather not|don't|do not|won't|not) take (?:any )?(?:chances|risks?)|no (?:chances|gambles)", 'NONE'),
  e('(?:no|zero|without any|without|nil|sin|cero|ningun|nada de)[- ]risks?(?: at all| whatsoever| alguno)?|risk[- ]free|sin (?:ningun |nada de )?riesgos?(?: alguno)?|cero riesgos?|ningun riesgo|nada de riesgo', 'NONE'),
  e('(?:capital[- ])?guaranteed(?: capital| returns?)?|guarantee(?:d)? (?:my |the )?capital|capital garantizado|garantizad[oa]s?|garantia de capital', 'NONE'),
  e('safe(?:ly|st|r)?|secure(?:ly)?|(?:algo|muy|mas|lo|sea|forma|manera|sitio|lugar|inversion|producto) (?:mas |muy )?segur[oa]s?|segur[oa] para mis ahorros|seguridad', 'NONE'),
  e('(?:low|lower|little|minimal|minimum|limited|small|very low|bajo|poco|minimo|escaso)[- ]risks?|risks? (?:bajo|baja|minimo)|riesgo (?:bajo|minimo|limitado|reducido)|poco riesgo|bajo riesgo', 'LOW'),
  e('conservative(?:ly)?|cautious(?:ly)?|careful|prudent|conservador[a]?|prudente|cauteloso|sin sorpresas|sin sustos|no surprises|peace of mind|tranquilidad', 'LOW'),
  e('(?:high|higher|a lot of|lots of|much|plenty of|significant|big|alto|mucho|bastante|elevado)[- ]risks?|riesgo (?:alto|elevado)|alto riesgo|mucho riesgo|bastante riesgo', 'HIGH'),
  e('aggressive(?:ly)?|agresiv[oa]|arriesgad[oa]|risky|speculative|especulativ[oa]|adventurous|dinamico|dinamica', 'HIGH'),
  e('(?:i understand |i accept |i know |i realise |i realize |ok if |okay if |fine if )?(?:i )?(?:could|may|might|can) lose(?: some| all)?(?: money| of it| it| my money)?|acepto (?:perder|perdidas)|puedo perder', 'HIGH'),
  e('(?:some|moderate|medium|average|a bit of|a little|a little bit of|reasonable|balanced|algo de|un poco de|moderado|medio|cierto)[- ]risks?|riesgo (?:moderado|medio|controlado)', 'MEDIUM'),
  e('moderate(?:ly)?|balanced|moderad[oa]|equilibrad[oa]|ride out|ups and downs|altibajos|(?:accept|tolerate|fine with|ok with|okay with) (?:some )?volatility', 'MEDIUM'),
];

export const LIQUIDITY: Entry<Liquidity>[] = [
  e("no lock[- ]?in|without (?:a )?lock[- ]?in|sin permanencia|(?:no|without|sin) (?:early withdrawal )?(?:penalt(?:y|ies)|penalizacion(?:es)?)|withdraw(?: it| the money| them)? whenever|whenever i (?:want|need|like)|cuando (?:quiera|lo necesite)", 'HIGH'),
  e("leave (?:it|the money|them) (?:alone )?for|(?:won't|don't (?:need|want) to|do not (?:need|want) to|will not) touch (?:it|the money|them)|no (?:quiero|voy a|necesito) tocar(?:lo|la|los|las)?|lock(?:ed)? (?:it |them |the money |my money |my savings )?(?:away|up|in)|tie (?:it |the money )?up|tied up|don't need (?:it|the money) for|won't need (?:it|the money) for|fixed[- ]term|fixed deposit|term deposit|plazo fijo|bloquear(?:lo|la|los|las)?|inmovilizar(?:lo)?|no (?:lo |la )?(?:necesito|voy a necesitar) (?:hasta|en|durante)", 'LOW'),
  e("(?:access|withdraw|take (?:it|the money) out|get (?:it|the money) back)(?: to)?(?: it| the money| my money| them)?(?: at)? any ?time|any ?time access|anytime|at any (?:time|moment)|(?:need|use|have|want) (?:it|them|the money|access)(?: at)? any ?time|instant(?:ly)? access(?:ible)?|easy access|immediate access|available (?:immediately|at any time|any time|whenever)|(?:need|needs|needing) (?:it|the money|them) (?:soon|quickly|at short notice)|might need (?:it|the money|them|the money) soon|(?:need|want) (?:it|the money|them) (?:back )?(?:tomorrow|next (?:week|month))|take (?:(?:it|the money|them) )?out (?:at )?any ?time|emergency fund|rainy day|en cualquier momento|disponibles?|liquidez|sin penalizacion|retirar(?:lo)? cuando quiera|acceso inmediato|fondo de emergencia", 'HIGH'),
  e('flexib(?:le|ility)|flexible|access to (?:it|the money|my money)|liquid|available', 'HIGH'),
  e('(?:some|occasional|now and then|from time to time) access|de vez en cuando|algo de liquidez|notice account', 'MEDIUM'),
];

export const CATEGORY: Entry<ProductCategory[]>[] = [
  // not products: consumed first so "fund" / "deposit" inside them is not read as one
  e('emergency fund|rainy day fund|fondo de emergencia|(?:the |a )?deposit (?:for|on) (?:a|the|my|our) (?:house|home|flat|apartment)|house deposit|cryptos?|crypto ?currenc(?:y|ies)|bitcoin|criptomonedas?|criptos?', []),
  e("brokerage(?: account)?|broker|trading account|investment account|securities account|derivatives?(?: account)?|cuenta de valores|cuenta de inversion|cuenta de broker|derivados?", ['SECURITIES']),
  e('credit cards?|debit cards?|prepaid cards?|cards?|tarjetas?(?: de credito| de debito| prepago)?|cashback', ['CARD']),
  e('mortgages?|home loans?|hipotecas?|hipotecari[oa]', ['MORTGAGE']),
  e("(?:personal |car |auto |student |consolidation |small )?loans?|borrow(?:ing)?|credit line|line of credit|prestamos?(?: personal(?:es)?)?|creditos?(?: personal(?:es)?)?|financiacion|financiar", ['LOAN']),
  e("pension(?: plan| fund)?s?|retirement (?:plan|account|fund|savings plan)s?|401 ?\\(?k\\)?|roth ira|an ira|my ira|sipp|planes? de pensiones|fondos? de pensiones|plan de jubilacion|pensiones|ppa|ppi", ['PENSION']),
  e("(?:term |fixed[- ]term |fixed |time |savings )?deposits?|certificates? of deposit|cds?|depositos?(?: a plazo)?|plazo fijo|savings bonds?", ['DEPOSIT']),
  e("(?:mutual |index |investment |bond |money market |equity |balanced )?funds?|etfs?|unit trusts?|fondos?(?: de inversion| indexados?| de renta fija| monetarios?)?|fondo indexado|stocks and shares isas?", ['FUND']),
  e('stocks?|shares|equities|acciones|bolsa|valores|bonds?|bonos?|renta variable|options trading|cfds?', ['SECURITIES']),
  e("(?:current|checking|savings?|basic|bank|joint|salary|kids?|children's|student|online) accounts?|accounts?|(?:cash )?isas?|cuentas?(?: corriente| de ahorro| nomina| joven| online| remunerada)?|libreta", ['ACCOUNT']),
  e("insurance|insure|(?:life|health|income|home|travel|car) cover|(?<!(?:algo|muy|mas|lo|sea|es|esta|este|sitio|lugar|forma|manera|producto) )seguros? (?:de|para|medico|del|contra)|(?:un|el|mi|los|unos|algun) seguros?|polizas?|aseguradora|asegurar", ['INSURANCE']),
  e("online banking|mobile banking|banking app|app|advice|adviser|advisor|advisory|financial planning|wealth management|asesoramiento|asesor|banca online|banca movil|gestion de patrimonio|servicios?|service", ['SERVICE']),
];

export const GOAL: Entry<Goal>[] = [
  e('retire(?:ment)?|retiring|pension|jubilacion|jubilar(?:me|se|nos)?|jubile|jubilo|jubilemos|vejez|old age', 'RETIREMENT'),
  e('(?:buy|buying|purchase) (?:a |my |our |the )?(?:first )?(?:house|home|flat|apartment|property|place)|first home|down ?payment|(?:the |a )?deposit (?:for|on) (?:a|the|my|our) (?:house|home|flat|apartment)|house deposit|comprar(?:me|nos)? (?:una |un |mi |nuestra |nuestro |la |el )?(?:primera |primer )?(?:casa|piso|vivienda|apartamento|chalet)|(?:para|ahorrar) la entrada|primera vivienda|entrada (?:de|para) (?:un|una|la|el|mi) (?:piso|casa|vivienda)|mortgage|hipoteca', 'BUY_HOME'),
  e("borrow|loan|lend me|need (?:some )?money for|finance (?:a|my|the)|consolidate|prestamo|pedir (?:dinero|un prestamo)|line of credit|credit line|linea de credito|necesito dinero para|financiar|credito personal", 'BORROW'),
  e("(?<!protect my |protect our |protect the )(?:steady |monthly |regular |passive |extra )?income(?! protection)|dividends?|interest payments|rentas?(?! variable| fija)(?: mensual(?:es)?)?|ingresos (?:mensuales|regulares|extra)|dividendos|cobrar (?:intereses|todos los meses)", 'INCOME'),
  e("grow(?:th)?|invest(?:ing|ment|ments)?|make (?:me |more )?money|make me rich|get rich|returns?|multiply|double my money|beat inflation|invertir(?:los|las|lo)?|inversion(?:es)?|rentabilidad|crecer|diversif(?:y|ication|icar)|portfolio|cartera|hacerme rico|ganar dinero|multiplicar", 'GROW'),
  e("sav(?:e|ing|ings)|park|earn interest|interest on my (?:cash|savings|money)|cuenta remunerada|put (?:money |some money )?(?:aside|away)|set (?:money )?aside|emergency fund|rainy day|ahorr(?:ar|o|os)|guardar|apartar|juntar", 'SAVE'),
  e("(?:credit |debit )?cards?|pay(?:ments?| for things| bills| online)?|shopping|purchases|cashback|travel(?:ling|ing)? abroad|tarjetas?|pagos?|pagar|compras", 'PAYMENTS_CREDIT'),
  e("current account|checking account|basic account|everyday|day[- ]to[- ]day|salary|paycheck|bills|nomina|cuenta corriente|dia a dia|domiciliar|recibos|online banking|banca online|banking", 'EVERYDAY_BANKING'),
  e("insurance|insure|protect(?:ion)?|cover (?:my|for)|(?:life|health|income|home|travel|car) cover|if something happens|(?<!(?:algo|muy|mas|lo|sea|es|esta|este|sitio|lugar|forma|manera|producto) )seguros? (?:de|para|medico)|proteger|proteccion|cubrir|poliza", 'PROTECTION'),
  e("education|universit(?:y|ies)|college|school|tuition|studies|estudios|universidad|educacion|colegio|carrera", 'EDUCATION'),
  e("child(?:ren)?|kids?|son|daughter|baby|newborn|born|grand(?:son|daughter|children)|hij(?:o|a|os|as)|nin(?:o|a|os|as)|bebe|nieto|nieta|nietos", 'CHILD'),
  e("trade|trading|day[- ]trad(?:e|ing)|stocks?|shares|etfs?|brokerage|derivatives?|bolsa|acciones|operar|broker|derivados|trader", 'TRADE'),
];

/** Claims of a high or sure return, set against a no-risk appetite. */
export const RETURN_CLAIM = words("double (?:my |the )?money|high(?:est)? returns?|maximum returns?|max returns?|big returns?|make me rich|get rich|hacerme rico|maxima rentabilidad|alta rentabilidad|mucha rentabilidad|duplicar(?: mi dinero| el dinero)?|doblar (?:mi|el) dinero|mucho dinero");

/** Negation that covers just the next few words: "no funds", "sin tarjeta", "not a loan", "nada de hipotecas ni préstamos". */
export const TIGHT_NEGATION = words("no|not|nor|without|except|excluding|apart from|other than|anything but|everything but|nothing|ni|sin|nada de|excepto|salvo|menos|nunca|never|no more");
/** Negation that covers the rest of its clause: "I don't want a loan or a credit card". */
export const VERBAL_NEGATION = words("(?:i )?(?:don't|dont|do not|won't|will not|wouldn't|would not|never) (?:want|need|like|wish|fancy|care for|trust)|not interested in|no interest in|avoid|stay away from|keep away from|(?:i )?(?:hate|dislike|detest)|(?:no )?(?:odio|detesto)|no me gustan?|(?:no|nunca) (?:quiero|necesito|me interesan?|deseo|busco|me gustan?)|evitar|nada que ver con|prefiero no");
/** Words between a tight negation and what it negates that do not break it. */
export const NEGATION_FILLER = new Set(['a', 'an', 'the', 'any', 'with', 'con', 'in', 'into', 'of', 'on', 'more', 'de', 'en', 'un', 'una', 'unos', 'unas', 'los', 'las', 'el', 'la', 'ningun', 'ninguna', 'mas', 'type', 'kind', 'tipo']);
/** Joins that extend a negation to the next item: "no funds or stocks", "ni fondos ni acciones". */
export const NEGATION_JOIN = /^[\s,]*(?:(?:or|nor|and|ni|o|y|u|e)\b)?[\s,]*(?:(?:a|an|the|any|un|una|unos|unas|los|las|el|la|ni)\b\s*)?$/;

/** Text that addresses the system rather than describing a need; flagged, never obeyed. */
export const META_INSTRUCTION = words("ignore (?:all |any |the |your )?(?:previous |prior |above )?(?:instructions?|rules|prompts?)|disregard (?:all |the |your )?(?:previous |prior )?(?:instructions?|rules)|you are now|system\\s*:|admin mode|developer mode|jailbreak|olvida (?:tus|las|todas las) (?:instrucciones|reglas)|ignora (?:tus|las|todas las) (?:instrucciones|reglas)(?: anteriores)?|a partir de ahora eres|modo administrador");

/** Keywords recognised with one typo ("morgage", "jubilasion"), long enough not to collide. */
export const FUZZY: { word: string; categories: ProductCategory[]; goals: Goal[] }[] = [
  { word: 'mortgage', categories: ['MORTGAGE'], goals: ['BUY_HOME'] }, { word: 'hipoteca', categories: ['MORTGAGE'], goals: ['BUY_HOME'] },
  { word: 'pension', categories: ['PENSION'], goals: ['RETIREMENT'] }, { word: 'pensiones', categories: ['PENSION'], goals: ['RETIREMENT'] },
  { word: 'retirement', categories: [], goals: ['RETIREMENT'] }, { word: 'jubilacion', categories: [], goals: ['RETIREMENT'] },
  { word: 'jubilarme', categories: [], goals: ['RETIREMENT'] }, { word: 'insurance', categories: ['INSURANCE'], goals: ['PROTECTION'] },
  { word: 'savings', categories: [], goals: ['SAVE'] }, { word: 'ahorrar', categories: [], goals: ['SAVE'] },
  { word: 'ahorros', categories: [], goals: ['SAVE'] }, { word: 'invertir', categories: [], goals: ['GROW'] },
  { word: 'inversion', categories: [], goals: ['GROW'] }, { word: 'investment', categories: [], goals: ['GROW'] },
  { word: 'deposito', categories: ['DEPOSIT'], goals: [] }, { word: 'deposit', categories: ['DEPOSIT'], goals: [] },
  { word: 'prestamo', categories: ['LOAN'], goals: ['BORROW'] }, { word: 'tarjeta', categories: ['CARD'], goals: ['PAYMENTS_CREDIT'] },
  { word: 'brokerage', categories: ['SECURITIES'], goals: ['TRADE'] }, { word: 'acciones', categories: ['SECURITIES'], goals: ['TRADE'] },
  { word: 'education', categories: [], goals: ['EDUCATION'] }, { word: 'university', categories: [], goals: ['EDUCATION'] },
  { word: 'universidad', categories: [], goals: ['EDUCATION'] }, { word: 'account', categories: ['ACCOUNT'], goals: [] },
];
/** Real words one edit away from a fuzzy keyword; never read as a typo. */
export const NOT_TYPOS = new Set(['retired', 'pensions', 'accounts', 'deposits', 'savings', 'saving', 'invests', 'invested', 'pensioner', 'accion', 'acciona']);
