/**
 * The rules engine's public API. Pure: no database, web, CLI, configuration or file I/O. Callers read
 * plan files and timelines and pass their contents in.
 */
export { parsePlan } from './plan/plan-loader.ts';
export type { CompiledPlan } from './plan/compiled-plan.ts';
export type { Plan, Rule, Indicator, Outcome, Window, Who, Subjects, State, Selector } from './plan/plan-schema.ts';
export { parseTimeline } from './timeline/parse-timeline.ts';
export type { Timeline, TimelineInput, TimelineEvent, EventType, Member, ProblemId } from './timeline/timeline-schema.ts';
export { problemIds, eventTypes } from './timeline/timeline-schema.ts';
export { prepareTimeline, type PreparedTimeline } from './timeline/prepared-timeline.ts';
export { evaluate, evaluatePrepared, problemTitles } from './evaluate/evaluate.ts';
export type * from './evaluate/verdict.ts';
export * from './errors.ts';
