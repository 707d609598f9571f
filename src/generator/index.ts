/** The synthetic council generator: a deterministic population, its timelines and its agency extracts. */
export { familyId, generateFamily, type FamilyOptions } from './family.ts';
export type { GeneratedEvent, Residence, SyntheticFamily, SyntheticPerson } from './model.ts';
export { periodEnd, periodStart } from './period.ts';
export { generateFamilies, generateTimelines, toTimeline, type GenerateOptions } from './timelines.ts';
