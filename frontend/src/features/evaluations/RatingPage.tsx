/**
 * The public rating page (`/rate/:token`): no account, phone-first, in Chinese by default.
 * It must stay light, so it uses no Ant Design, no charts, no router and no query cache:
 * plain React, native form controls and its own small stylesheet (rating.css).
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { ApiError, NetworkError } from '../../api/problem';
import { enEvaluations } from '../../lib/i18n/en.evaluations';
import { fill, LANGUAGE_STORAGE_KEY, storedLanguage, type Language } from '../../lib/i18n/language';
import { zhEvaluations } from '../../lib/i18n/zh.evaluations';
import { fetchRatingPage, sendRatingCode, submitRating, type RaterGroup, type RatingPageData, type RatingSubmit } from './publicApi';
import { EMPTY_DRAFT, hasContent, isDone, loadDraft, markDone, saveDraft, type RatingDraft } from './ratingDraft';
import './rating.css';

const PHONE = /^(\+?86[ -]?)?1[3-9][0-9]{9}$/;
const RESEND_SECONDS = 60;

type Load =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'failed' }
  | { state: 'ready'; page: RatingPageData };

/** Only this feature's messages: the whole dictionary of the app would double the page's weight. */
type RatingKey = keyof typeof zhEvaluations;
export type Translate = (key: RatingKey, values?: Record<string, string | number>) => string;

function ratingTranslator(language: Language): Translate {
  const dictionary: Record<RatingKey, string> = language === 'zh-CN' ? zhEvaluations : enEvaluations;
  return (key, values) => fill(dictionary[key], values);
}

type Outcome = { kind: 'error' | 'info'; text: string } | null;

function formatInstant(value: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(
    new Date(value),
  );
}

/** The message for a failed submit or code request, in the rater's words. */
export function ratingErrorMessage(error: unknown, t: Translate): string {
  if (error instanceof NetworkError) return t('rate.error.network');
  if (!(error instanceof ApiError)) return t('rate.error.other');
  if (error.status === 429) {
    return error.retryAfter !== null ? t('rate.error.throttled', { seconds: error.retryAfter }) : t('rate.error.throttledSoon');
  }
  switch (error.code) {
    case 'rating_already_given':
      return t('rate.error.already');
    case 'evaluation_wrong_state':
    case 'evaluation_window_closed':
    case 'evaluation_finalized':
      return t('rate.error.closed');
    case 'rating_credential_invalid':
      return t('rate.error.credential');
    case 'rating_not_found':
      return t('rate.notFound');
    default:
      return t('rate.error.other');
  }
}

function useLanguage() {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  const t = useMemo(() => ratingTranslator(language), [language]);
  const setLanguage = useCallback((next: Language) => {
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // Storage unavailable: the choice lasts for this page only.
    }
    setLanguageState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return { language, setLanguage, t };
}

export function RatingPage({ token }: { token: string }) {
  const { language, setLanguage, t } = useLanguage();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let live = true;
    if (token === '') {
      setLoad({ state: 'missing' });
      return;
    }
    fetchRatingPage(token).then(
      (page) => live && setLoad({ state: 'ready', page }),
      (error: unknown) => live && setLoad({ state: error instanceof ApiError && error.status === 404 ? 'missing' : 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [token, reloads]);

  useEffect(() => {
    document.title = load.state === 'ready' ? `${t('rate.title')} · ${load.page.organization_name}` : t('rate.title');
  }, [load, t]);

  return (
    <div className="rate">
      <header className="rate-header">
        <h1>{t('rate.title')}</h1>
        <button
          type="button"
          className="rate-link-button"
          lang={language === 'zh-CN' ? 'en' : 'zh-CN'}
          aria-label={`${t('rate.languageLabel')}: ${language === 'zh-CN' ? 'English' : '中文'}`}
          onClick={() => setLanguage(language === 'zh-CN' ? 'en-US' : 'zh-CN')}
        >
          {/* Each language is named in itself. */}
          {language === 'zh-CN' ? 'English' : '中文'}
        </button>
      </header>
      <main className="rate-main">
        {load.state === 'loading' && <p role="status">{t('rate.loading')}</p>}
        {load.state === 'missing' && <p role="alert" className="rate-alert rate-alert-error">{t('rate.notFound')}</p>}
        {load.state === 'failed' && (
          <div role="alert" className="rate-alert rate-alert-error">
            <p>{t('rate.error.network')}</p>
            <button type="button" className="rate-button" onClick={() => setReloads((n) => n + 1)}>
              {t('rate.retry')}
            </button>
          </div>
        )}
        {load.state === 'ready' && <RatingForm token={token} page={load.page} language={language} t={t} />}
      </main>
    </div>
  );
}

function RatingForm({ token, page, language, t }: { token: string; page: RatingPageData; language: Language; t: Translate }) {
  const [restored] = useState(() => loadDraft(token));
  const [draft, setDraft] = useState<RatingDraft>(() => restored ?? EMPTY_DRAFT);
  const [done, setDone] = useState(() => isDone(token));
  const [otp, setOtp] = useState('');
  const [otpNote, setOtpNote] = useState<string | null>(null);
  const [resendIn, setResendIn] = useState(0);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(
    restored !== null && hasContent(restored) ? { kind: 'info', text: t('rate.restored') } : null,
  );

  useEffect(() => {
    if (!done) saveDraft(token, draft);
  }, [token, draft, done]);

  useEffect(() => {
    if (resendIn <= 0) return;
    const timer = setTimeout(() => setResendIn((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [resendIn]);

  const update = (change: Partial<RatingDraft>) => setDraft((current) => ({ ...current, ...change }));
  const questions = page.questionnaire.questions;
  const scale = [...page.questionnaire.scale].sort((a, b) => b.value - a.value);
  const zh = language === 'zh-CN';

  const header = (
    <section className="rate-card" aria-labelledby="rate-organization">
      <h2 id="rate-organization">{page.organization_name}</h2>
      {page.secretary_name && <p>{t('rate.secretary', { name: page.secretary_name })}</p>}
      <p className="rate-muted">{t('rate.cycle', { year: page.year, cycle: page.cycle_name })}</p>
    </section>
  );

  if (done) {
    return (
      <>
        {header}
        <p role="status" className="rate-alert rate-alert-success">{t('rate.thanks')}</p>
      </>
    );
  }
  if (!page.open) {
    return (
      <>
        {header}
        <p role="alert" className="rate-alert rate-alert-warning">
          {t('rate.closed', { opens: formatInstant(page.opens_at, language), closes: formatInstant(page.closes_at, language) })}
        </p>
      </>
    );
  }

  const requestCode = async () => {
    if (!PHONE.test(draft.phone.trim())) {
      setOtpNote(null);
      setOutcome({ kind: 'error', text: t('rate.badPhone') });
      return;
    }
    setBusy(true);
    try {
      const sent = await sendRatingCode(token, draft.phone.trim());
      setOutcome(null);
      setOtpNote(t('rate.otpSent', { minutes: Math.round(sent.expires_in / 60) }));
      setResendIn(RESEND_SECONDS);
    } catch (error) {
      setOutcome({ kind: 'error', text: ratingErrorMessage(error, t) });
      if (error instanceof ApiError && error.retryAfter !== null) setResendIn(error.retryAfter);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = questions.filter((q) => draft.answers[q.code] === undefined).length;
    let problem: string | null = null;
    if (missing > 0) problem = t('rate.missing', { count: missing });
    else if (draft.raterGroup === null) problem = t('rate.needGroup');
    else if (draft.credential === 'code' && draft.invitationCode.trim().length < 6) problem = t('rate.needCode');
    else if (draft.credential === 'phone' && (!PHONE.test(draft.phone.trim()) || !/^[0-9]{6}$/.test(otp))) {
      problem = t('rate.needPhone');
    }
    if (problem !== null || draft.raterGroup === null) {
      setOutcome({ kind: 'error', text: problem ?? t('rate.needGroup') });
      return;
    }
    const body: RatingSubmit = {
      answers: draft.answers,
      rater_group: draft.raterGroup,
      comment: draft.comment.trim() === '' ? null : draft.comment.trim(),
      ...(draft.credential === 'code'
        ? { invitation_code: draft.invitationCode.trim() }
        : { phone: draft.phone.trim(), otp_code: otp }),
    };
    setBusy(true);
    setOutcome(null);
    try {
      await submitRating(token, body);
      markDone(token);
      setDone(true);
    } catch (error) {
      if (error instanceof NetworkError) {
        saveDraft(token, draft);
        setOutcome({ kind: 'error', text: t('rate.savedOffline') });
      } else {
        setOutcome({ kind: 'error', text: ratingErrorMessage(error, t) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {header}
      <p className="rate-muted">{t('rate.intro')}</p>
      <form className="rate-form" onSubmit={(event) => void submit(event)} noValidate>
        {questions.map((question, index) => (
          <fieldset key={question.code} className="rate-card rate-question" role="radiogroup" aria-labelledby={`q-${question.code}`}>
            <legend id={`q-${question.code}`}>
              <span className="rate-muted">{t('rate.question', { n: index + 1 })}</span>{' '}
              {zh ? question.text : (question.text_en ?? question.text)}
            </legend>
            <div className="rate-scale">
              {scale.map((step) => (
                <label key={step.value} className="rate-choice">
                  <input
                    type="radio"
                    name={`q-${question.code}`}
                    value={step.value}
                    checked={draft.answers[question.code] === step.value}
                    onChange={() => update({ answers: { ...draft.answers, [question.code]: step.value } })}
                  />
                  <span>
                    <b>{step.value}</b> {zh ? step.zh : step.en}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}

        <fieldset className="rate-card" role="radiogroup" aria-labelledby="rate-group">
          <legend id="rate-group">{t('rate.group')}</legend>
          <div className="rate-scale">
            {(['member', 'resident'] as RaterGroup[]).map((group) => (
              <label key={group} className="rate-choice">
                <input
                  type="radio"
                  name="rater_group"
                  value={group}
                  checked={draft.raterGroup === group}
                  onChange={() => update({ raterGroup: group })}
                />
                <span>{t(group === 'member' ? 'rate.group.member' : 'rate.group.resident')}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="rate-card">
          <label htmlFor="rate-comment" className="rate-label">
            {zh ? page.questionnaire.comment.text : (page.questionnaire.comment.text_en ?? t('rate.comment'))}
          </label>
          <textarea
            id="rate-comment"
            className="rate-input"
            rows={4}
            maxLength={5000}
            value={draft.comment}
            onChange={(event) => update({ comment: event.target.value })}
          />
        </div>

        <fieldset className="rate-card" role="radiogroup" aria-labelledby="rate-credential">
          <legend id="rate-credential">{t('rate.credential')}</legend>
          <div className="rate-scale rate-scale-row">
            {(['code', 'phone'] as const).map((credential) => (
              <label key={credential} className="rate-choice">
                <input
                  type="radio"
                  name="credential"
                  value={credential}
                  checked={draft.credential === credential}
                  onChange={() => update({ credential })}
                />
                <span>{t(credential === 'code' ? 'rate.byCode' : 'rate.byPhone')}</span>
              </label>
            ))}
          </div>
          {draft.credential === 'code' ? (
            <div className="rate-field">
              <label htmlFor="rate-code" className="rate-label">{t('rate.invitationCode')}</label>
              <input
                id="rate-code"
                className="rate-input"
                autoComplete="one-time-code"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={40}
                aria-describedby="rate-code-hint"
                value={draft.invitationCode}
                onChange={(event) => update({ invitationCode: event.target.value })}
              />
              <p id="rate-code-hint" className="rate-muted">{t('rate.invitationHint')}</p>
            </div>
          ) : (
            <div className="rate-field">
              <label htmlFor="rate-phone" className="rate-label">{t('rate.phone')}</label>
              <div className="rate-inline">
                <input
                  id="rate-phone"
                  className="rate-input"
                  type="tel"
                  inputMode="tel"
                  autoComplete="tel"
                  value={draft.phone}
                  onChange={(event) => update({ phone: event.target.value })}
                />
                <button type="button" className="rate-button rate-button-secondary" disabled={busy || resendIn > 0} onClick={() => void requestCode()}>
                  {resendIn > 0 ? t('rate.resendIn', { seconds: resendIn }) : t('rate.sendOtp')}
                </button>
              </div>
              {otpNote && <p role="status" className="rate-muted">{otpNote}</p>}
              <label htmlFor="rate-otp" className="rate-label">{t('rate.otp')}</label>
              <input
                id="rate-otp"
                className="rate-input"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                value={otp}
                onChange={(event) => setOtp(event.target.value.replace(/\D/g, ''))}
              />
            </div>
          )}
        </fieldset>

        {outcome && (
          <p role={outcome.kind === 'error' ? 'alert' : 'status'} className={`rate-alert rate-alert-${outcome.kind === 'error' ? 'error' : 'info'}`}>
            {outcome.text}
          </p>
        )}
        <button type="submit" className="rate-button rate-submit" disabled={busy}>
          {busy ? t('rate.submitting') : t('rate.submit')}
        </button>
      </form>
    </>
  );
}
