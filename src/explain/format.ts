// Number formatting shared by the wording tables (no imports, so no cycles).
export function formatNumber(n: number, language: 'en' | 'es'): string {
  return n.toLocaleString(language === 'en' ? 'en-GB' : 'es-ES', { maximumFractionDigits: 2 });
}
