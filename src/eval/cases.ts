// From customer histories to what evaluation needs: the training data of the train customers, and
// for each test customer the state BEFORE their additions (asOf = the purchase date) with the
// products they added as the relevant set. The label never reaches the state that is scored.
import type { CustomerHistory } from '../ingest/santander/toHistory';
import { additionExamples, buildCustomerState } from '../recommend/customerState';
import type { CustomerState, ProductInfo, TrainingData } from '../recommend/types';

export interface EvaluationCase { state: CustomerState; relevant: ReadonlySet<string> }

export function trainingData(customers: readonly CustomerHistory[], products: readonly ProductInfo[]): TrainingData {
  return {
    products,
    customers: customers.map((c) => buildCustomerState(c.profile, c.history)),
    examples: customers.flatMap((c) => additionExamples(c.profile, c.history)),
  };
}

export function evaluationCases(customers: readonly CustomerHistory[]): EvaluationCase[] {
  return customers.flatMap((c) => additionExamples(c.profile, c.history).map((e) => ({ state: e.state, relevant: e.added })));
}
