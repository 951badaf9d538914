// "Braucht jemanden": what the week's entries ask of a person — open concerns from calls and
// advice, call partners not reached three times in a row, entries with a conflict. Each shows
// who looks after it, by when and how far it is; "Ändern" opens its form (online only). A
// conflict links to the entry's history, where it is resolved.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDayShort, formatInstantBerlin } from '../../domain/dates';
import type { AttentionItem, StaffWeekResponse } from '../../shared/staff/staff-week';
import { Notice } from '../entries/form-field';
import { useSettings } from '../settings-context';
import { href } from '../use-route';
import { FollowUpForm, STATUS_LABEL } from './follow-up-form';
import { useStaffT, type StaffT } from './use-staff-t';
import { kindLabel } from './week-kind-label';

const keyOf = (item: AttentionItem) => `${item.subjectType}:${item.subjectId}`;

export function AttentionList(props: {
  week: StaffWeekResponse;
  /** False for the copy kept offline: nothing can be changed then. */
  editable: boolean;
  onChanged: () => void;
}) {
  const t = useStaffT();
  const [open, setOpen] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const savedNotice = useRef<HTMLDivElement>(null);
  // The form closed: the focus goes to the message saying it was saved.
  useEffect(() => {
    if (saved) savedNotice.current?.focus();
  }, [saved]);
  const items = props.week.attention;
  return (
    <section aria-labelledby="attention-title">
      <h2 id="attention-title">{t('staff.attention.title')}</h2>
      <div role="status" ref={savedNotice} tabIndex={-1}>
        {saved && <Notice kind="ok">{t('staff.followUp.saved')}</Notice>}
      </div>
      {items.length === 0 ? (
        <p>{t('staff.attention.none')}</p>
      ) : (
        <ul class="staff-attention">
          {items.map((item) => (
            <li key={keyOf(item)} class="card">
              <AttentionItemView item={item} />
              {props.editable && open !== keyOf(item) && (
                <button
                  class="button"
                  type="button"
                  onClick={() => {
                    setSaved(false);
                    setOpen(keyOf(item));
                  }}
                >
                  {t('staff.attention.change')}
                </button>
              )}
              {props.editable && open === keyOf(item) && (
                <FollowUpForm
                  item={item}
                  owners={props.week.owners}
                  onCancel={() => setOpen(null)}
                  onDone={(done) => {
                    if (done) {
                      setOpen(null);
                      setSaved(true);
                    }
                    props.onChanged();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function headline(item: AttentionItem, t: StaffT): string {
  const partner = item.partnerName ?? '';
  switch (item.subjectType) {
    case 'concern':
      if (item.kind === 'call') {
        return partner
          ? t('staff.attention.concernCallWith', { partner })
          : t('staff.attention.concernCall');
      }
      if (item.kind === 'advice') return t('staff.attention.concernAdvice');
      return t('staff.attention.concern', { kind: kindLabel(item.kind, t) });
    case 'partner':
      return t('staff.attention.partner', { partner, count: item.unansweredInARow ?? 3 });
    case 'conflict':
      return t('staff.attention.conflict', { kind: kindLabel(item.kind, t) });
  }
}

function AttentionItemView(props: { item: AttentionItem }) {
  const t = useStaffT();
  const lang = useSettings().settings.lang;
  const { item } = props;
  const followUp = item.followUp;
  return (
    <>
      <h3 class="card-title plain">{headline(item, t)}</h3>
      {item.reopened && <p class="staff-reopened">{t('staff.attention.reopened')}</p>}
      {(item.authorName || item.occurredAt) && (
        <p class="hint">
          {item.authorName && item.occurredAt
            ? t('staff.attention.by', {
                name: item.authorName,
                when: formatInstantBerlin(Date.parse(item.occurredAt), lang),
              })
            : item.occurredAt
              ? t('staff.attention.lastCall', {
                  when: formatInstantBerlin(Date.parse(item.occurredAt), lang),
                })
              : item.authorName}
        </p>
      )}
      {item.notePreview && <p class="staff-note">{item.notePreview}</p>}
      <dl class="staff-follow-up-state">
        <div>
          <dt>{t('staff.followUp.owner')}</dt>
          <dd>{followUp.ownerName ?? t('staff.followUp.nobody')}</dd>
        </div>
        <div>
          <dt>{t('staff.followUp.due')}</dt>
          <dd>
            {followUp.dueDate ? formatDayShort(followUp.dueDate, lang) : t('staff.followUp.noDue')}
          </dd>
        </div>
        <div>
          <dt>{t('staff.followUp.status')}</dt>
          <dd>{t(STATUS_LABEL[followUp.status])}</dd>
        </div>
        {followUp.note && (
          <div>
            <dt>{t('staff.followUp.note')}</dt>
            <dd class="staff-note">{followUp.note}</dd>
          </div>
        )}
      </dl>
      {item.subjectType === 'conflict' && (
        <a class="button" href={href.staff('eintrag', item.subjectId)}>
          {t('staff.attention.openHistory')}
        </a>
      )}
    </>
  );
}
