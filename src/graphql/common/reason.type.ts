import { Arg, Field, Float, ObjectType } from 'type-graphql';
import { reasonText, type ProductFacts } from '../../explain/phrases';
import { Language, toExplainLanguage } from './language';

@ObjectType({ description: 'Why an item was recommended: one signal or rule that made it' })
export class Reason {
  @Field({ description: 'Stable machine-readable code, e.g. SIMILAR_CUSTOMERS' })
  code!: string;

  /** The English text stored with the served list. */
  text!: string;

  @Field(() => String, { nullable: true, description: "What the text quotes: a product, the customer's own words, a fee …; null when it quotes nothing (or on lists served before evidence was kept)" })
  evidence?: string;

  /** The recommended product's facts, attached by the parent resolver when it has them. */
  product?: Partial<ProductFacts> | null;

  @Field(() => Float, { description: 'Contribution to the score (0 for rules)' })
  weight!: number;

  @Field(() => String, { name: 'text', description: 'Plain-language explanation for the customer, in the language asked for' })
  localizedText?(@Arg('language', () => Language, { nullable: true, defaultValue: Language.EN }) language: Language | null): string {
    const lang = toExplainLanguage(language);
    // English as stored (rendered with the customer's full context when the list was made), unless
    // there is nothing stored; any other language is rendered again from code, evidence and facts.
    if (lang === 'en' && this.text) return this.text;
    return reasonText(this.code, this.evidence, lang, { product: this.product ?? null });
  }
}
