// Placeholder for the walk form, which arrives with walk logging.
import { Page } from './page';
import { useT } from './settings-context';

export function ComingSoon(props: { what: 'walk' }) {
  const t = useT();
  return (
    <Page title={t('soon.title')}>
      <p class="lead">{t('soon.text', { what: t(`soon.${props.what}`) })}</p>
    </Page>
  );
}
