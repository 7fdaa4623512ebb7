/** What a job's state means to the wizard, and how a problem row reads in the user's language. */
import { hasMessage, type Translate } from '../../lib/i18n';

interface JobLike {
  state: string;
  dry_run?: boolean;
  error_count?: number;
  message?: string | null;
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
  | { kind: 'columnsMissing'; columns: string[] }
  | { kind: 'unreadable' }
  | { kind: 'failed' };

/**
 * The server says why a job failed only in an English `message`; the columns it names are
 * the Chinese headers, which are taken out of it. Anything else reads as a general failure.
 */
export function outcomeOf(job: JobLike | undefined): Outcome {
  if (job === undefined || !isFinal(job)) return { kind: 'running' };
  if ((job.error_count ?? 0) > 0) return { kind: 'problems' };
  if (job.state === 'succeeded') return job.dry_run ? { kind: 'ready' } : { kind: 'imported' };
  const message = job.message ?? '';
  const missing = /columns?:\s*(.+?)\.?$/i.exec(message);
  if (/lacks? (these )?columns?/i.test(message) && missing?.[1]) {
    return { kind: 'columnsMissing', columns: missing[1].split(/[、,，]\s*/).filter(Boolean) };
  }
  if (/cannot be read|unreadable|neither UTF-8|not a CSV|is empty/i.test(message)) return { kind: 'unreadable' };
  return { kind: 'failed' };
}

interface ProblemLike {
  code: string;
  reason: string;
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
