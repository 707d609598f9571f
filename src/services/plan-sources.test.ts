import { describe, expect, it } from 'vitest';
import { PlanSourceCatalogue } from './plan-sources.ts';

describe('PlanSourceCatalogue', () => {
  it('hands out one object per plan version, however it is asked for (callers key caches by it)', async () => {
    const plans = await PlanSourceCatalogue.load(['plans']);
    const byRef = plans.get('southampton@2018-2020');
    expect(plans.get('southampton@2018-2020')).toBe(byRef);
    expect(plans.get('southampton', '2019-06-01')).toBe(byRef);
    expect(byRef.source).toContain('southampton');
    expect(plans.get('southwark', '2019-06-01')).not.toBe(byRef);
  });
});
