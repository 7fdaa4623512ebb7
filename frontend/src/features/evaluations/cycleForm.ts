/** The cycle wizard's values, their defaults, the server's rules checked before sending, and the
 * body they make. Shares are entered as percentages; the server takes fractions. */
import type { CycleCreate } from './api';

type Subject = CycleCreate['subject'];
export type Domain = NonNullable<CycleCreate['target_domains']>[number];

/** A review group (条块结合) and its weight. */
export interface ReviewGroup {
  name?: string;
  weight?: number;
}

export interface CycleValues {
  name: string;
  year: number;
  subject: Subject;
  organization_id: string;
  target_domains: Domain[];
  target_tiers: NonNullable<CycleCreate['target_tiers']>;
  target_kinds: NonNullable<CycleCreate['target_kinds']>;
  templates: Record<string, string | undefined>;
  self_opens: string;
  self_closes: string;
  public_opens: string;
  public_closes: string;
  review_opens: string;
  review_closes: string;
  weight_self: number;
  weight_public: number;
  weight_review: number;
  min_public_ratings: number;
  excellent: number;
  good: number;
  fair: number;
  satisfaction_cap: number;
  advanced_share: number;
  lagging_share: number;
  review_groups: ReviewGroup[];
  reviewers: string[];
  groups: Record<string, string | undefined>;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A new cycle: the three steps one month each from today, and the server's defaults. */
export function cycleDefaults(now: Date = new Date()): Partial<CycleValues> {
  const day = 24 * 3600 * 1000;
  const at = (days: number) => isoDate(new Date(now.getTime() + days * day));
  return {
    year: now.getFullYear(),
    subject: 'organization',
    target_domains: [],
    target_tiers: [],
    target_kinds: [],
    templates: {},
    self_opens: at(0),
    self_closes: at(30),
    public_opens: at(30),
    public_closes: at(60),
    review_opens: at(60),
    review_closes: at(90),
    weight_self: 0.2,
    weight_public: 0.4,
    weight_review: 0.4,
    min_public_ratings: 30,
    excellent: 90,
    good: 80,
    fair: 60,
    satisfaction_cap: 90,
    advanced_share: 30,
    lagging_share: 10,
    review_groups: [],
    reviewers: [],
    groups: {},
  };
}

/** The rule of `evaluation_shares_invalid`: advanced and lagging together at most 100%. */
export function sharesValid(advanced: number, lagging: number): boolean {
  return Math.round((advanced + lagging) * 100) <= 10000;
}

/** The grade thresholds do not increase from 好 to 一般 (the server's validation of `thresholds`). */
export function thresholdsValid(excellent: number, good: number, fair: number): boolean {
  return excellent >= good && good >= fair;
}

export type GroupProblem = 'groupNameTwice' | 'groupWeightsZero' | 'reviewerWithoutGroup';

/** What the server would refuse in the review groups (`evaluation_review_groups_invalid`), or
 * null: the names are distinct (one weight each), some weight is above zero, and with groups
 * every reviewer is in one of them. */
export function reviewGroupsProblem(
  groups: ReviewGroup[],
  reviewers: string[],
  assigned: Record<string, string | undefined>,
): GroupProblem | null {
  const names = groups.map((g) => g.name?.trim() ?? '').filter(Boolean);
  if (names.length === 0) return null;
  if (new Set(names).size !== names.length) return 'groupNameTwice';
  if (!groups.some((g) => (g.weight ?? 0) > 0)) return 'groupWeightsZero';
  if (reviewers.some((id) => !names.includes(assigned[id] ?? ''))) return 'reviewerWithoutGroup';
  return null;
}

/** A percentage as the fraction the server stores (at most four decimals). */
function fraction(percent: number): number {
  return Number((percent / 100).toFixed(4));
}

/** A date at local midnight, as an instant. */
function instant(date: string): string {
  return new Date(`${date}T00:00:00`).toISOString();
}

/** The groups named in the form, by name, with their weights. */
function groupWeights(groups: ReviewGroup[]): Record<string, number> {
  return Object.fromEntries(
    groups.filter((g) => g.name?.trim()).map((g) => [g.name?.trim() ?? '', g.weight ?? 0]),
  );
}

export function toCycleBody(v: CycleValues): CycleCreate {
  const templates = Object.fromEntries(Object.entries(v.templates ?? {}).filter((e): e is [string, string] => Boolean(e[1])));
  const review_groups = groupWeights(v.review_groups ?? []);
  const grouped = Object.keys(review_groups).length > 0;
  return {
    organization_id: v.organization_id,
    name: v.name.trim(),
    year: v.year,
    subject: v.subject,
    target_domains: v.target_domains,
    target_tiers: v.target_tiers,
    target_kinds: v.target_kinds,
    templates,
    windows: {
      self_assessment: { opens_at: instant(v.self_opens), closes_at: instant(v.self_closes) },
      public_rating: { opens_at: instant(v.public_opens), closes_at: instant(v.public_closes) },
      organizational_review: { opens_at: instant(v.review_opens), closes_at: instant(v.review_closes) },
    },
    weights: { self: v.weight_self, public: v.weight_public, review: v.weight_review },
    min_public_ratings: v.min_public_ratings,
    thresholds: { excellent: v.excellent, good: v.good, fair: v.fair },
    satisfaction_cap: fraction(v.satisfaction_cap),
    advanced_share: fraction(v.advanced_share),
    lagging_share: fraction(v.lagging_share),
    review_groups,
    reviewers: v.reviewers.map((user_id) => ({ user_id, group: grouped ? (v.groups?.[user_id] ?? null) : null })),
  };
}
