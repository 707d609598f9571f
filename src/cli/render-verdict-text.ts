/**
 * A verdict for a person to read in a terminal: the claim results first (what a data analyst asks
 * first), then each problem with the indicators met (by whom, with the figures) and every outcome's
 * status and explanation. Plain text, no colour, the same data as the JSON verdict.
 */
import type { ClaimResult, Figure, OutcomeStatus, ProblemResult, ProblemStatus, SubjectResult, Verdict } from '../engine/index.ts';

const problemStatusWords: Record<ProblemStatus, string> = {
  'not-identified': 'not identified',
  'turned-around': 'turned around',
  pending: 'pending',
  'evidence-required': 'evidence required',
  'not-met': 'not met',
};

const outcomeStatusWords: Record<OutcomeStatus, string> = {
  met: 'met',
  'not-met': 'not met',
  pending: 'pending',
  'evidence-required': 'evidence required',
  'not-applicable': 'not applicable',
};

const anchorWords: Record<string, string> = { identified: 'identification', engaged: 'engagement', now: 'the as-of date' };

export function renderVerdictText(verdict: Verdict): string {
  const lines: string[] = [];
  const { plan, programme } = verdict;
  lines.push(`Family ${verdict.familyId} as of ${verdict.asOf}`);
  lines.push(`Plan: ${plan.authority} (${plan.id}@${plan.version})`);
  lines.push(
    `Programme: identified ${programme.identifiedOn}, ${programme.engagedOn ? `engaged ${programme.engagedOn}` : 'not engaged'}, ${
      programme.closedOn ? `closed ${programme.closedOn}` : 'not closed'
    }`,
  );
  const identified = verdict.identifiedProblems;
  lines.push(`Eligible: ${verdict.eligible ? 'yes' : 'no'} (${identified.length} headline problem${identified.length === 1 ? '' : 's'} identified${identified.length ? `: ${identified.join(', ')}` : ''})`);
  lines.push('');
  lines.push('Claims');
  lines.push(...renderClaim('Significant and sustained progress', verdict.claims.significantAndSustainedProgress));
  lines.push(...renderClaim('Continuous employment', verdict.claims.continuousEmployment));
  for (const problem of verdict.problems) {
    lines.push('');
    lines.push(...renderProblem(problem));
  }
  return `${lines.join('\n')}\n`;
}

function renderClaim(name: string, claim: ClaimResult): string[] {
  return [`  ${name}: ${claim.claimable ? 'claimable' : 'not claimable'}`, ...claim.reasons.map((r) => `    - ${r}`)];
}

function renderProblem(problem: ProblemResult): string[] {
  const heading = `${problem.problem}: ${problem.title} [${problemStatusWords[problem.status]}]`;
  if (!problem.identified) return [heading, `  ${problem.explanation}`];
  const lines = [heading, `  ${problem.explanation}`];
  const met = problem.indicators.filter((i) => i.met);
  lines.push('  Indicators met:');
  for (const indicator of met) {
    const who = indicator.subjects.filter((s) => s.status === 'met');
    lines.push(`    ${indicator.ref} (${indicator.id}), at ${indicator.metAt.map((a) => anchorWords[a] ?? a).join(' and ')}, by ${who.map((s) => s.subject).join(', ') || 'nobody'}`);
    for (const subject of who) lines.push(...renderSubject(subject, '      '));
  }
  lines.push('  Outcomes:');
  for (const outcome of problem.outcomes) {
    lines.push(`    [${outcomeStatusWords[outcome.status]}] ${outcome.ref} (${outcome.id}), addresses ${outcome.addresses.join(', ')}`);
    lines.push(`      ${outcome.explanation}`);
    for (const subject of outcome.subjects) {
      if (subject.figures.length > 0) lines.push(...renderFigures(subject, '      '));
    }
  }
  return lines;
}

function renderSubject(subject: SubjectResult, indent: string): string[] {
  return [`${indent}${subject.subject}: ${subject.explanation}`, ...renderFigures(subject, `${indent}  `, false)];
}

function renderFigures(subject: SubjectResult, indent: string, named = true): string[] {
  return subject.figures.map((f) => `${indent}${named ? `${subject.subject} ` : ''}${renderFigure(f)}`);
}

/** "offence (proven) = 1 in the 4 full quarters before … (2017-07-01 to 2018-06-30) [events ev-021]". */
export function renderFigure(figure: Figure): string {
  const value = figure.value === null ? 'none' : typeof figure.value === 'string' ? JSON.stringify(figure.value) : String(figure.value);
  const window = figure.window ? ` in ${figure.window.label} (${figure.window.start} to ${figure.window.end}${figure.window.terms ? `: ${figure.window.terms.join(', ')}` : ''})` : '';
  const events = figure.events && figure.events.length > 0 ? ` [events ${figure.events.join(', ')}]` : '';
  return `- ${figure.label} = ${value}${window}${events}`;
}
