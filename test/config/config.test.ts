// The configuration is validated once, with one readable error naming every bad variable. Timer
// periods are bounded: Node's timers overflow past 2^31 − 1 ms and then fire every millisecond
// (adversarial testing: MODEL_POLL_SECONDS=3000000 made an idle server poll in a busy loop).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';

describe('configuration', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toMatchObject({ MODEL_POLL_SECONDS: 10, REFIT_INTERVAL_SECONDS: 3600, BLEND_WEIGHTS: 'learned', WEIGHT_TWO_TOWER: 0 });
  });

  it.each(['MODEL_POLL_SECONDS', 'REFIT_INTERVAL_SECONDS'])('%s: 0 is off, sub-second works, past 2,000,000 s or negative is refused', (key) => {
    expect(loadConfig({ [key]: '0' })[key as 'MODEL_POLL_SECONDS']).toBe(0);
    expect(loadConfig({ [key]: '0.5' })[key as 'MODEL_POLL_SECONDS']).toBe(0.5);
    for (const bad of ['3000000', '-1', '0.01', 'abc']) {
      expect(() => loadConfig({ [key]: bad }), bad).toThrow(new RegExp(`Invalid configuration:\\n  ${key}: `));
    }
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ BLEND_WEIGHTS: 'LEARNED', WEIGHT_TWO_TOWER: '-1' })).toThrow(/BLEND_WEIGHTS[\s\S]*WEIGHT_TWO_TOWER|WEIGHT_TWO_TOWER[\s\S]*BLEND_WEIGHTS/);
  });
});
