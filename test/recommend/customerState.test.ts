import { describe, expect, it } from 'vitest';
import { additionExamples, buildCustomerState } from '../../src/recommend/customerState';
import type { BehaviourEvent } from '../../src/recommend/types';
import { profile } from './fixture';

const at = (m: number, d = 28) => new Date(Date.UTC(2016, m, d));
const ev = (productId: string, kind: BehaviourEvent['kind'], when: Date): BehaviourEvent => ({ productId, kind, value: null, at: when });

describe('customer state', () => {
  it('HOLD dates are snapshots; later purchases add to held, later cancellations remove', () => {
    const s = buildCustomerState(profile('q'), [
      ev('a', 'HOLD', at(0)), ev('b', 'HOLD', at(0)), ev('a', 'HOLD', at(1)),
      ev('c', 'PURCHASE', at(1, 30)), ev('a', 'CANCEL', at(2, 2)), ev('d', 'DISMISS', at(2, 3)),
    ]);
    expect(s.snapshots.map((x) => [...x.held].sort())).toEqual([['a', 'b'], ['a'], ['c']]);
    expect([...s.held]).toEqual(['c']);
    expect([...s.dismissed]).toEqual(['d']);
    expect(s.events.map((e) => e.kind)).toEqual(['PURCHASE', 'CANCEL', 'DISMISS']);
  });

  it('a CANCEL-only month is a snapshot, so an empty month is not lost', () => {
    const s = buildCustomerState(profile('q'), [ev('a', 'HOLD', at(0)), ev('a', 'CANCEL', at(1)), ev('b', 'PURCHASE', at(3))], at(3));
    expect(s.snapshots.map((x) => x.held.size)).toEqual([1, 0]);
    expect(s.held.size).toBe(0);
    expect(s.asOf).toEqual(at(3));
  });

  it('a HOLD snapshot replaces earlier purchases it does not list', () => {
    const s = buildCustomerState(profile('q'), [ev('a', 'HOLD', at(0)), ev('x', 'PURCHASE', at(0, 29)), ev('a', 'HOLD', at(1))]);
    expect([...s.held]).toEqual(['a']);
  });

  it('addition examples: the state just before each purchase date and what was added then', () => {
    const history = [ev('a', 'HOLD', at(0)), ev('a', 'HOLD', at(1)), ev('b', 'PURCHASE', at(2)), ev('a', 'PURCHASE', at(2))];
    const [e, ...rest] = additionExamples(profile('q'), history);
    expect(rest).toEqual([]);
    expect([...e.added]).toEqual(['b']); // a was already held: not an addition
    expect([...e.state.held]).toEqual(['a']);
    expect(e.at).toEqual(at(2));
  });
});
