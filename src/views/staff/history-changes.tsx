// Every change of an entry, oldest first: one card per saved change (the fields a device sent
// together), saying when, who and on which device, then each field from its old to its new
// value. A value that a concurrent edit overwrote is marked in words.
import { formatInstantBerlin } from '../../domain/dates';
import type { EntryHistoryResponse } from '../../shared/staff/staff-week';
import { useSettings } from '../settings-context';
import { historyValue } from './history-value';
import { useStaffT } from './use-staff-t';

type Change = EntryHistoryResponse['changes'][number];

/** The fields of one saved change share its version. */
function byVersion(changes: readonly Change[]): Change[][] {
  const groups: Change[][] = [];
  for (const change of changes) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.version === change.version) last.push(change);
    else groups.push([change]);
  }
  return groups;
}

export function HistoryChanges(props: { changes: EntryHistoryResponse['changes'] }) {
  const t = useStaffT();
  const lang = useSettings().settings.lang;
  const groups = byVersion(props.changes);
  return (
    <section aria-labelledby="history-changes-title">
      <h2 id="history-changes-title">{t('staff.history.changesTitle')}</h2>
      {groups.length === 0 ? (
        <p>{t('staff.history.noChanges')}</p>
      ) : (
        <ol class="staff-history">
          {groups.map((group) => {
            const first = group[0]!;
            return (
              <li key={first.version} class="card">
                <p class="card-title plain">
                  {t('staff.history.changedBy', {
                    when: formatInstantBerlin(Date.parse(first.recordedAt), lang),
                    name: first.authorName,
                    device: first.deviceLabel,
                  })}
                </p>
                <dl class="staff-changes">
                  {group.map((change) => (
                    <div key={change.field}>
                      <dt>{change.label}</dt>
                      <dd>
                        {t('staff.history.fromTo', {
                          before: historyValue(change.oldValue, t, lang),
                          after: historyValue(change.newValue, t, lang),
                        })}
                        {change.conflict && (
                          <strong class="staff-overwritten">
                            {' '}
                            {t('staff.history.overwritten')}
                          </strong>
                        )}
                      </dd>
                    </div>
                  ))}
                </dl>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
