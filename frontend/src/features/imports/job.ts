/** What a job's state means to the wizard, and how a problem row reads in the user's language. */
import { hasMessage, type Language, type MessageKey, type Translate } from '../../lib/i18n';

interface JobLike {
  state: string;
  dry_run?: boolean;
  error_count?: number;
  error_code?: string | null;
  error_columns?: string[];
}

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';

/** Succeeded and failed are final: nothing will change any more. */
export function isFinal(job: JobLike | undefined): boolean {
  return job !== undefined && (job.state === 'succeeded' || job.state === 'failed');
}

/** Milliseconds until the next read of a job, or `false` once it is final. */
export function nextPoll(job: JobLike | undefined, intervalMs: number): number | false {
  return isFinal(job) ? false : intervalMs;
}

/** How a finished job ended, for the wizard's next step. */
export type Outcome =
  | { kind: 'running' }
  /** A dry run with no problem: the file can be imported. */
  | { kind: 'ready' }
  /** Some rows have problems (a dry run reports them; a real run imports nothing). */
  | { kind: 'problems' }
  | { kind: 'imported' }
  /** The job failed as a whole: why (`error_code`), and the columns concerned. */
  | { kind: 'failed'; code: string; columns: string[] };

/** Says how a job ended from its `error_code` and `error_columns`, never from its English words. */
export function outcomeOf(job: JobLike | undefined): Outcome {
  if (job === undefined || !isFinal(job)) return { kind: 'running' };
  if ((job.error_count ?? 0) > 0) return { kind: 'problems' };
  if (job.state === 'succeeded') return job.dry_run ? { kind: 'ready' } : { kind: 'imported' };
  return { kind: 'failed', code: job.error_code ?? 'job_failed', columns: job.error_columns ?? [] };
}

type Params = Record<string, unknown>;

interface ProblemLike {
  code: string;
  reason: string;
  params?: Params;
}

/** A problem row's reason: by its code when the app knows it, else the server's own words. */
export function problemText(problem: ProblemLike, t: Translate): string {
  const own = `import.problem.${problem.code}`;
  if (hasMessage(own)) return t(own);
  const code = `error.code.${problem.code}`;
  if (hasMessage(code)) return t(code);
  const field = `error.field.${problem.code}`;
  if (hasMessage(field)) return t(field);
  return problem.reason || t('error.field.invalid');
}

interface Expectation {
  key: MessageKey;
  /** The parameters the message shows: the first expectation whose parameters are all there is said. */
  needs?: string[];
}

/** What a cell should hold, by problem code: the message and the parameters it needs. */
const EXPECTED: Record<string, Expectation[]> = {
  missing: [{ key: 'import.expected.missing' }],
  invalid_choice: [
    { key: 'import.expected.invalid_choice', needs: ['allowed'] },
    { key: 'import.expected.invalid_choice', needs: ['allowed_values'] },
  ],
  invalid_yes_no: [{ key: 'import.expected.invalid_yes_no', needs: ['allowed'] }],
  invalid_date: [{ key: 'import.expected.invalid_date', needs: ['format'] }, { key: 'import.expected.invalid_date.any' }],
  out_of_range: [
    { key: 'import.expected.out_of_range.between', needs: ['min', 'max'] },
    { key: 'import.expected.out_of_range.min', needs: ['min'] },
    { key: 'import.expected.out_of_range.max', needs: ['max'] },
    { key: 'import.expected.out_of_range.greater_than', needs: ['greater_than'] },
    { key: 'import.expected.out_of_range.less_than', needs: ['less_than'] },
    { key: 'import.expected.out_of_range.any' },
  ],
  too_long: [{ key: 'import.expected.too_long', needs: ['max_length'] }, { key: 'import.expected.too_long.any' }],
  too_many_decimals: [
    { key: 'import.expected.too_many_decimals', needs: ['decimal_places'] },
    { key: 'import.expected.too_many_decimals.any' },
  ],
  invalid_number: [{ key: 'import.expected.invalid_number' }],
  invalid_integer: [{ key: 'import.expected.invalid_integer' }],
  invalid_format: [{ key: 'import.expected.invalid_format' }],
  phone_invalid: [{ key: 'import.expected.phone_invalid' }],
  invalid_id_number: [{ key: 'import.expected.invalid_id_number', needs: ['length'] }, { key: 'import.expected.id_number_check_digit_wrong' }],
  id_number_check_digit_wrong: [{ key: 'import.expected.id_number_check_digit_wrong' }],
  id_number_birth_date_invalid: [{ key: 'import.expected.id_number_birth_date_invalid' }],
  date_in_future: [{ key: 'import.expected.date_in_future' }],
  control_characters: [{ key: 'import.expected.control_characters' }],
  member_birth_date_mismatch: [
    { key: 'import.expected.member_birth_date_mismatch', needs: ['expected'] },
    { key: 'import.expected.member_birth_date_mismatch.any' },
  ],
  volunteer_served_in_future: [
    { key: 'import.expected.volunteer_served_in_future', needs: ['max'] },
    { key: 'import.expected.volunteer_served_in_future.any' },
  ],
  volunteer_day_over_24_hours: [
    { key: 'import.expected.volunteer_day_over_24_hours', needs: ['date', 'hours', 'max'] },
    { key: 'import.expected.volunteer_day_over_24_hours.any' },
  ],
  member_id_number_taken: [{ key: 'import.expected.member_id_number_taken' }],
  duplicate_id_number: [{ key: 'import.expected.duplicate_id_number' }],
  organization_not_found: [{ key: 'import.expected.organization_not_found' }],
  member_not_found: [{ key: 'import.expected.member_not_found' }],
  grid_code_duplicate: [{ key: 'import.expected.grid_code_duplicate', needs: ['row'] }],
  grid_team_one_leader: [{ key: 'import.expected.grid_team_one_leader', needs: ['row'] }],
  grid_team_person_duplicate: [{ key: 'import.expected.grid_team_person_duplicate', needs: ['row'] }],
  grid_team_rows_disagree: [{ key: 'import.expected.grid_team_rows_disagree', needs: ['row'] }],
};

/** The messages that can say what a cell with this problem should hold (for the dictionaries' test). */
export function expectedKeysOf(code: string): MessageKey[] {
  return (EXPECTED[code] ?? []).map((expectation) => expectation.key);
}

function present(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/** A parameter as a person reads it: a list joined the language's way. */
function shown(value: unknown, language: Language): string | number {
  if (Array.isArray(value)) return value.map(String).join(language === 'zh-CN' ? '、' : ', ');
  return typeof value === 'number' ? value : String(value);
}

/**
 * What the cell should hold, in words built from the problem's code and parameters, such as
 * "日期，格式 YYYY-MM-DD" or "以下之一：男、女"; null when the code says nothing about it.
 */
export function expectedText(problem: { code: string; params?: Params }, t: Translate, language: Language): string | null {
  const params = problem.params ?? {};
  const expectation = (EXPECTED[problem.code] ?? []).find((candidate) => (candidate.needs ?? []).every((name) => present(params[name])));
  if (expectation === undefined) return null;
  const values: Record<string, string | number> = {};
  for (const name of expectation.needs ?? []) values[name] = shown(params[name], language);
  // Both spellings of the allowed values fill the one placeholder.
  if (values.allowed_values !== undefined) values.allowed = values.allowed_values;
  return t(expectation.key, values);
}

interface RowProblemLike extends ProblemLike {
  row: number;
  column: string | null;
}

/**
 * The problems worth showing. A row whose organization code is unknown is also reported as an
 * invalid organization id, without a column: an echo of the first problem, left out.
 */
export function visibleProblems<P extends RowProblemLike>(problems: P[]): P[] {
  const rowsWithColumnProblems = new Set(problems.filter((problem) => problem.column !== null).map((problem) => problem.row));
  return problems.filter(
    (problem) => !(problem.column === null && /^uuid_/.test(problem.code) && rowsWithColumnProblems.has(problem.row)),
  );
}
