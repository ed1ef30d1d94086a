// The one place a customer's history becomes a CustomerState. Used by the store loader, the batch
// scorer (customers that are not in the store) and evaluation (state "as of" a moment).
import type { AdditionExample, BehaviourEvent, CustomerProfile, CustomerState, HoldingSnapshot } from './types';

/** A raw event as stored (interactions) or read from a file. */
export type HistoryEvent = BehaviourEvent;

/**
 * Build the state of a customer from their events, considering only events strictly before `asOf`
 * (default: all). Holdings are a series of snapshots, oldest first:
 *  - a date with HOLD events is a snapshot: exactly the products held then (it replaces what came before);
 *  - a date with CANCEL events but no HOLD is a snapshot too — the holdings just before it, minus what
 *    was cancelled — so a month in which a customer stopped holding everything is not lost
 *    (the Santander reader emits a CANCEL for each product dropped between two monthly snapshots);
 *  - PURCHASEs add to the running holdings (kept by the next HOLD snapshot only if it lists them).
 * `held` is the running holdings after the last event.
 */
export function buildCustomerState(profile: CustomerProfile, history: readonly HistoryEvent[], asOf?: Date): CustomerState {
  const cutoff = asOf?.getTime() ?? Number.POSITIVE_INFINITY;
  const sorted = history.filter((e) => e.at.getTime() < cutoff).sort((a, b) => a.at.getTime() - b.at.getTime());

  const snapshots: HoldingSnapshot[] = [];
  const events: BehaviourEvent[] = [];
  const dismissed = new Set<string>();
  let held = new Set<string>();
  for (let i = 0; i < sorted.length;) {
    const t = sorted[i].at.getTime();
    let j = i;
    while (j < sorted.length && sorted[j].at.getTime() === t) j += 1;
    const group = sorted.slice(i, j);
    const holds = group.filter((e) => e.kind === 'HOLD');
    if (holds.length > 0) held = new Set(holds.map((e) => e.productId));
    let cancelled = false;
    for (const e of group) {
      if (e.kind === 'HOLD') continue;
      events.push(e);
      if (e.kind === 'DISMISS') dismissed.add(e.productId);
      if (e.kind === 'PURCHASE') held.add(e.productId);
      if (e.kind === 'CANCEL') { held.delete(e.productId); cancelled = true; }
    }
    if (holds.length > 0 || cancelled) snapshots.push({ at: new Date(t), held: new Set(held) });
    i = j;
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
