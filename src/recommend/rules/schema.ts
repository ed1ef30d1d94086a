// The shape of a suitability rule set file (ruleset.v*.json), validated with zod when it is loaded,
// so a malformed or mistyped rule stops the process at start-up instead of gating silently wrong.
// Each rule type has its own params schema; the evaluator for each type lives in evaluators.ts.
import { z } from 'zod';
import { PRODUCT_CATEGORIES } from '../types';

const category = z.enum(PRODUCT_CATEGORIES);
const categories = z.array(category);
const perCategory = z.record(category, z.number().positive());
const code = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'codes are UPPER_SNAKE_CASE');

const base = { id: code, passedCode: code, description: z.string().min(1) };
const none = z.object({}).strict();

export const RuleSpecSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('productActive'), params: none }).strict(),
  z.object({ ...base, type: z.literal('notHeld'), params: none }).strict(),
  z.object({ ...base, type: z.literal('notDismissed'), params: none }).strict(),
  z.object({ ...base, type: z.literal('riskWithinTolerance'), params: none }).strict(),
  z.object({
    ...base, type: z.literal('unprofiledCap'),
    params: z.object({ unprofiledMaxRisk: z.number().int().min(1).max(7), noProfileCategories: categories, noProfileCategoriesMaxRisk: z.number().int().min(1).max(7) }).strict(),
  }).strict(),
  z.object({ ...base, type: z.literal('ageBounds'), params: none }).strict(),
  z.object({
    ...base, type: z.literal('minAmountVsIncome'),
    params: z.object({ maxShareOfIncome: z.number().positive(), exemptCategories: categories }).strict(),
  }).strict(),
  z.object({
    ...base, type: z.literal('termVsHorizon'),
    params: z.object({ exemptCategories: categories }).strict(),
  }).strict(),
  z.object({
    ...base, type: z.literal('loanAffordability'),
    params: z.object({
      categories: categories.min(1),
      maxDebtServiceRatio: z.number().positive().max(1),
      representativeAmount: perCategory,
      defaultAnnualRatePercent: z.record(category, z.number().min(0).max(100)),
      defaultTermMonths: z.record(category, z.number().int().positive()),
    }).strict()
      .refine((p) => p.categories.every((c) => p.representativeAmount[c] && p.defaultAnnualRatePercent[c] !== undefined && p.defaultTermMonths[c]),
        { message: 'every lending category needs a representativeAmount, defaultAnnualRatePercent and defaultTermMonths' }),
  }).strict(),
]);

export const RuleSetSchema = z.object({
  version: z.string().min(1),
  description: z.string(),
  rules: z.array(RuleSpecSchema).min(1),
}).strict().refine((s) => new Set(s.rules.map((r) => r.id)).size === s.rules.length, { message: 'rule ids must be unique' });

export type RuleSpec = z.infer<typeof RuleSpecSchema>;
export type RuleSet = z.infer<typeof RuleSetSchema>;
export type RuleType = RuleSpec['type'];
/** The params of one rule type. */
export type ParamsOf<T extends RuleType> = Extract<RuleSpec, { type: T }>['params'];
