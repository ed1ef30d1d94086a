// Who may do what: the one table of access rights. Every query and mutation names one of these
// policies with `@Authorized(...POLICY.x)`; operations on one customer's data also carry
// `@UseMiddleware(OwnCustomer('userId'))` so a CUSTOMER key reaches only its own customer.
// The test matrix (test/auth/matrix.test.ts) checks every root field against this table.

export const ROLES = ['CUSTOMER', 'ADVISOR', 'PARTNER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const POLICY = {
  /** The product catalog and semantic search: any authenticated caller. */
  catalogRead: ['CUSTOMER', 'ADVISOR', 'PARTNER', 'ADMIN'],
  /** One customer's profile, holdings, recommendations (CUSTOMER: its own only). */
  customerRead: ['CUSTOMER', 'ADVISOR', 'ADMIN'],
  /** Listing customers. */
  customerList: ['ADVISOR', 'ADMIN'],
  /** A single interaction or feedback event (CUSTOMER: its own only). */
  events: ['CUSTOMER', 'PARTNER', 'ADMIN'],
  /** Batch ingest of events from partner integrations. */
  batchIngest: ['PARTNER', 'ADMIN'],
  /** Creating and changing products. */
  catalogWrite: ['PARTNER', 'ADMIN'],
  /** Risk profiling questionnaire (CUSTOMER: its own only; an advisor may run it with the customer). */
  profiling: ['CUSTOMER', 'ADVISOR', 'ADMIN'],
  /** Audit trail of served lists. */
  audit: ['ADVISOR', 'ADMIN'],
  /** A customer's data export (CUSTOMER: its own only). */
  dataExport: ['CUSTOMER', 'ADMIN'],
  /** Customer records, erasure, model activation, API keys. */
  admin: ['ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type PolicyName = keyof typeof POLICY;
