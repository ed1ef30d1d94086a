// A small real fixture: the bundled sample of the Santander additions file (data/).
import path from 'node:path';
import { splitByCustomer } from '../../src/eval/split';
import { readCustomerHistories, type CustomerHistory } from '../../src/ingest/santander/toHistory';

export const SAMPLE = path.resolve(__dirname, '..', '..', 'data', 'santander_sample.csv.gz');

/** About `share` of the sample's customers, drawn with a seeded split (the file's order is not random). */
export async function sampleCustomers(share: number, seed = 7): Promise<CustomerHistory[]> {
  const { customers } = await readCustomerHistories(SAMPLE);
  return splitByCustomer(customers, (c) => c.profile.id, { testFraction: share, seed }).test;
}
