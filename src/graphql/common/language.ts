// The languages customer-facing text is written in; GraphQL EN/ES map to src/explain's 'en'/'es'.
import { registerEnumType } from 'type-graphql';
import type { Language as ExplainLanguage } from '../../explain/phrases';

export enum Language {
  EN = 'en',
  ES = 'es',
}

registerEnumType(Language, { name: 'Language', description: 'Language of customer-facing text (English, Spanish)' });

/** The explain module's language for a GraphQL one. */
export function toExplainLanguage(language: Language | null | undefined): ExplainLanguage {
  return language === Language.ES ? 'es' : 'en';
}
