// The one place a customer's history becomes a CustomerState. Used by the store loader, the batch
// scorer (customers that are not in the store) and evaluation (state "as of" a moment).
import type { AdditionExample, BehaviourEvent, CustomerProfile, CustomerState, HoldingSnapshot } from './types';

/** A raw event as stored (interactions) or read from a file. */
export type HistoryEvent = BehaviourEvent;

/**
 * Build the state of a customer from their events, considering only events strictly before `asOf`
 * (default: all). HOLD events are grouped into monthly snapshots by their date.
 */
export function buildCustomerState(profile: CustomerProfile, history: readonly HistoryEvent[], asOf?: Date): CustomerState {
  const cutoff = asOf?.getTime() ?? Number.POSITIVE_INFINITY;
  const sorted = history.filter((e) => e.at.getTime() < cutoff).sort((a, b) => a.at.getTime() - b.at.getTime());

  const byMonth = new Map<number, Set<string>>();
  const events: BehaviourEvent[] = [];
  for (const e of sorted) {
    if (e.kind === 'HOLD') {
      const t = e.at.getTime();
      if (!byMonth.has(t)) byMonth.set(t, new Set());
      byMonth.get(t)!.add(e.productId);
    } else {
      events.push(e);
    }
  }
  const snapshots: HoldingSnapshot[] = [...byMonth.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, held]) => ({ at: new Date(t), held }));

  const lastSnapshotAt = snapshots.at(-1)?.at.getTime() ?? Number.NEGATIVE_INFINITY;
  const held = new Set(snapshots.at(-1)?.held ?? []);
  const dismissed = new Set<string>();
  for (const e of events) {
    if (e.kind === 'DISMISS') dismissed.add(e.productId);
    if (e.at.getTime() < lastSnapshotAt) continue; // the snapshot already reflects older purchases/cancellations
    if (e.kind === 'PURCHASE') held.add(e.productId);
    if (e.kind === 'CANCEL') held.delete(e.productId);
  }
  const latestAt = new Date(Number.isFinite(cutoff) ? cutoff : (sorted.at(-1)?.at.getTime() ?? Date.now()));
  return { profile, snapshots, held, dismissed, events, asOf: latestAt };
}

/**
 * Training examples for "what does a customer add next": for every date on which a customer
 * purchased something, the state just before that date and the set of products added then.
 * Purchases of products already held are not additions.
 */
export function additionExamples(profile: CustomerProfile, history: readonly HistoryEvent[]): AdditionExample[] {
  const dates = [...new Set(history.filter((e) => e.kind === 'PURCHASE').map((e) => e.at.getTime()))].sort((a, b) => a - b);
  const out: AdditionExample[] = [];
  for (const t of dates) {
    const at = new Date(t);
    const state = buildCustomerState(profile, history, at);
    const added = new Set(history.filter((e) => e.kind === 'PURCHASE' && e.at.getTime() === t && !state.held.has(e.productId)).map((e) => e.productId));
    if (added.size > 0) out.push({ state, added, at });
  }
  return out;
}
