/** What a rater has filled in so far, kept on the device per rating link until it is counted. */
import type { RaterGroup } from './publicApi';

export type Credential = 'code' | 'phone';

export interface RatingDraft {
  answers: Record<string, number>;
  raterGroup: RaterGroup | null;
  comment: string;
  credential: Credential;
  invitationCode: string;
  phone: string;
}

export const EMPTY_DRAFT: RatingDraft = {
  answers: {},
  raterGroup: null,
  comment: '',
  credential: 'code',
  invitationCode: '',
  phone: '',
};

const draftKey = (token: string) => `grassroots.rating.${token}`;
const doneKey = (token: string) => `grassroots.rating.${token}.done`;

function isDraft(value: unknown): value is RatingDraft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Record<string, unknown>;
  return typeof draft.answers === 'object' && draft.answers !== null && typeof draft.comment === 'string';
}

/** The draft kept for this link, or null when there is none (or storage is unavailable). */
export function loadDraft(token: string): RatingDraft | null {
  try {
    const raw = localStorage.getItem(draftKey(token));
    if (raw === null) return null;
    const parsed: unknown = JSON.parse(raw);
    return isDraft(parsed) ? { ...EMPTY_DRAFT, ...parsed } : null;
  } catch {
    return null;
  }
}

export function saveDraft(token: string, draft: RatingDraft): void {
  try {
    localStorage.setItem(draftKey(token), JSON.stringify(draft));
  } catch {
    // Private mode or a full storage: the form still works, only without the safety net.
  }
}

/** The rating is counted: forget the draft, remember that this device has rated. */
export function markDone(token: string): void {
  try {
    localStorage.removeItem(draftKey(token));
    localStorage.setItem(doneKey(token), '1');
  } catch {
    // As above.
  }
}

export function isDone(token: string): boolean {
  try {
    return localStorage.getItem(doneKey(token)) === '1';
  } catch {
    return false;
  }
}

/** Whether the draft holds anything worth restoring. */
export function hasContent(draft: RatingDraft): boolean {
  return Object.keys(draft.answers).length > 0 || draft.raterGroup !== null || draft.comment !== '' || draft.invitationCode !== '';
}
