// Placeholder for the logging forms, which arrive with the logging issue.
import { Page } from './page';
import { useT } from './settings-context';

export function ComingSoon(props: { what: 'walk' | 'advice' }) {
  const t = useT();
  return (
    <Page title={t('soon.title')}>
      <p class="lead">{t('soon.text', { what: t(`soon.${props.what}`) })}</p>
    </Page>
  );
}
