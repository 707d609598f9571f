import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../data/database.ts';
import { testDatabases } from '../data/testing/test-databases.ts';
import { EvidencePackService } from './evidence-pack-service.ts';
import { analyst, claimableTimeline, engagement, essentials, workflowFixture, type WorkflowFixture } from './testing/workflow-fixture.ts';

describe.each(testDatabases())('evidence pack on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let fx: WorkflowFixture;
  let packs: EvidencePackService;
  beforeAll(async () => {
    handle = await open();
    fx = await workflowFixture(handle);
    packs = new EvidencePackService(fx.services.repositories, () => new Date('2026-11-22T09:00:00Z'));
  });
  afterAll(async () => {
    await handle.close();
  });

  it('renders a self-contained, escaped HTML pack with members, problems, figures, evidence and source rows', async () => {
    const timeline = claimableTimeline();
    const evidence = timeline.events!.find((e) => e.type === 'evidence')!;
    Object.assign(evidence, { statement: 'Engaged <script>alert(1)</script> & attending' });
    const { reference } = await fx.addFamily(timeline);
    await fx.services.attachment.attach({ family: reference, plan: 'southampton', ...engagement, ...essentials, actor: analyst });
    await fx.services.claims.createBatch({ periodStart: '2019-04-01', periodEnd: '2019-09-30', asOf: '2019-07-01', families: [reference], actor: analyst });

    const { html } = await packs.render({ family: reference });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain(`Evidence pack: family ${reference}`);
    expect(html).toContain('southampton@2018-2020');
    expect(html).toContain('police-2018.csv row 12');
    expect(html).toContain('police-2018.csv row 40');
    expect(html).toContain('evidence.csv row 2');
    expect(html).toContain('Sam Patel');
    expect(html).toMatch(/<td class="src">C1<\/td><td>child<\/td><td>14<\/td>/);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; attending');
    expect(html).not.toMatch(/<link|src="http|url\(http/); // no external assets
    expect(html).not.toContain('1985-02-01'); // dates of birth stay out: ages only
  });

  it('refuses a family without a standing claim', async () => {
    const { reference } = await fx.addFamily(claimableTimeline());
    await expect(packs.render({ family: reference })).rejects.toThrow(/no standing claim/);
  });
});
