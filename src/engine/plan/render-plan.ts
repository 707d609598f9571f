/** Renders a plan for people, as Markdown: problem → indicators → outcomes, with references and windows in plain English. */
import { problemTitles } from '../evaluate/evaluate.ts';
import { describeDuration, parseDuration } from '../calendar/duration.ts';
import type { CompiledPlan } from './compiled-plan.ts';
import { describeRule, describeSubjects, ruleEvidenceKind } from './describe-rule.ts';
import { whoWords } from '../evaluate/subjects.ts';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const identifyAtWords = { identified: 'identification', engaged: 'engagement', closed: 'case closure', now: 'the date assessed (problems that emerge during the intervention count)' } as const;

export function renderPlanMarkdown(compiled: CompiledPlan): string {
  const { plan } = compiled;
  const out: string[] = [];
  out.push(`# ${plan.title}`, '');
  out.push(`- **Authority:** ${plan.authority}`);
  out.push(`- **Plan:** \`${plan.id}\`, version ${plan.version}`);
  out.push(`- **In force:** from ${plan.inForce.from}${plan.inForce.to ? ` to ${plan.inForce.to}` : ''}`);
  out.push(`- **Source document:** ${plan.source.document}`);
  const cr = plan.claimRules;
  out.push('', '## Claim rules', '');
  out.push(`- A family is eligible with at least ${cr.minimumProblems} of the headline problems, tested at ${cr.identifyAt.map((a) => identifyAtWords[a]).join(', ')}.`);
  out.push(`- Significant and sustained progress: every identified problem turned around, no earlier than ${describeDuration(parseDuration(cr.minimumSustainment))} after engagement.`);
  out.push(cr.continuousEmployment ? `- Continuous employment: any of ${cr.continuousEmployment.outcomes.map((o) => `\`${o}\``).join(', ')}.` : '- Continuous employment: this plan has no continuous-employment route.');
  for (const r of cr.regression) out.push(`- No claim after regression in ${r.problem} (${r.ref}): ${describeRule(r.rule)}.`);
  if (cr.assumedSustainment) out.push(`- Sustainment is assumed (${cr.assumedSustainment.ref}) when ${describeRule(cr.assumedSustainment.rule)}.`);
  if (cr.note) out.push('', `> ${oneLine(cr.note)}`);

  for (const { id, problem } of compiled.problems) {
    out.push('', `## ${problem.title ?? problemTitles[id]} (\`${id}\`)`, '', '### Indicators', '');
    for (const ind of problem.indicators) {
      out.push(`#### ${ind.ref} — \`${ind.id}\``, '', `> ${oneLine(ind.text)}`, '');
      out.push(`- **Who:** ${ind.scope === 'household' ? 'the household' : `a ${whoWords(ind.who)}`}`);
      if (ind.householdIncludes) out.push(`- **Only where the household includes:** a ${whoWords(ind.householdIncludes)}`);
      out.push(`- **Met when:** ${describeRule(ind.rule)}`);
      if (ind.note) out.push(`- **Note:** ${oneLine(ind.note)}`);
      out.push('');
    }
    out.push('### Outcomes', '');
    for (const o of problem.outcomes) {
      const kind = ruleEvidenceKind(o.rule);
      out.push(`#### ${o.ref} — \`${o.id}\``, '', `> ${oneLine(o.text)}`, '');
      out.push(`- **Addresses:** ${o.addresses.map((a) => `\`${a}\``).join(', ')}`);
      out.push(`- **Measured for:** ${describeSubjects(o.subjects)}`);
      out.push(`- **Evidence:** ${kind === 'data' ? 'measured from agency data' : kind === 'evidence' ? 'a professional’s recorded evidence' : 'agency data or a professional’s recorded evidence'}`);
      out.push(`- **Met when:** ${describeRule(o.rule)}`);
      if (o.note) out.push(`- **Note:** ${oneLine(o.note)}`);
      out.push('');
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
