// What an upkeep screen shows before its data is there: "Wird geladen …", or why it could not
// be loaded with "Noch einmal versuchen". Signed out is the shell's (it shows the sign-in).
import { Notice } from '../entries/form-field';
import { StaffPage } from './staff-page';
import { problemText, type Load } from './upkeep-load';
import { useStaffT } from './use-staff-t';

export function LoadState<T>(props: { title: string; state: Load<T>; onRetry: () => void }) {
  const t = useStaffT();
  if (props.state.status === 'failed') {
    const text = problemText(t, props.state.error);
    return (
      <StaffPage title={props.title}>
        {text && <Notice kind="error">{text}</Notice>}
        <button class="button" type="button" onClick={props.onRetry}>
          {t('upkeep.retry')}
        </button>
      </StaffPage>
    );
  }
  return (
    <StaffPage title={props.title}>
      <p role="status">{t('app.loading')}</p>
    </StaffPage>
  );
}
