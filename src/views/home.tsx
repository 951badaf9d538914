// The start screen: the storefront's state, who is signed in (or that the device still needs
// setting up), then big buttons for what volunteers do ("Meine Gesprächspartner" only for
// callers: people with call partners assigned).
import { useStart } from '../db/start-state';
import { lockScreenNow } from './inactivity-lock';
import { StorefrontState } from './storefront-state';
import { href } from './use-route';
import { useT } from './settings-context';

function WhoIsHere() {
  const t = useT();
  const device = useStart('device');
  const session = useStart('session');
  if (device === undefined || session === undefined) return null; // still reading
  if (device === null || device.needsEnrolment) {
    return (
      <p class="notice notice-warn">
        {device === null ? t('home.setUp') : t('home.setUpAgain')}{' '}
        <a href={href.enrol}>{t('home.setUpLink')}</a>
      </p>
    );
  }
  return (
    <>
      <p class="who">
        {session ? t('home.signedInAs', { name: session.name }) : t('home.notSignedIn')}{' '}
        <a href={href.signIn}>{t('home.switchUser')}</a>
      </p>
      {session && (
        // Leaving the tablet for a moment: the screen locks at once, not only after the delay.
        <button class="button" type="button" onClick={() => void lockScreenNow()}>
          {t('lock.now')}
        </button>
      )}
    </>
  );
}

export function Home() {
  const t = useT();
  const count = useStart('activityCount');
  const session = useStart('session');
  const partners = useStart('partnerCount', session?.userId ?? '');
  const actions = [
    ...(partners !== undefined && partners > 0
      ? [
          {
            href: href.partners,
            label: t('home.partners'),
            hint: t('home.partners.hint'),
            icon: '☏',
          },
        ]
      : []),
    { href: href.call, label: t('home.logCall'), hint: t('home.logCall.hint'), icon: '☎' },
    { href: href.entries, label: t('home.myEntries'), hint: '', icon: '☷' },
    { href: href.walk, label: t('home.logWalk'), hint: t('home.logWalk.hint'), icon: '⚑' },
    { href: href.advice, label: t('home.logAdvice'), hint: t('home.logAdvice.hint'), icon: '✎' },
    {
      href: href.catalogue,
      label: t('home.catalogue'),
      // Nothing before the catalogue has arrived: "0 Angebote" would say there are none.
      hint: count ? t('home.catalogue.hint', { count }) : '',
      icon: '☰',
    },
    { href: href.hours, label: t('home.hours'), hint: '', icon: '◷' },
    { href: href.sync, label: t('home.sync'), hint: '', icon: '⇅' },
    { href: href.settings, label: t('home.settings'), hint: '', icon: 'A' },
  ];
  return (
    <>
      <StorefrontState />
      <WhoIsHere />
      <h1 class="home-title">{t('home.title')}</h1>
      <nav aria-label={t('nav.main')}>
        <ul class="big-buttons">
          {actions.map((action) => (
            <li key={action.href}>
              <a class="big-button" href={action.href}>
                <span class="big-button-icon" aria-hidden="true">
                  {action.icon}
                </span>
                <span class="big-button-text">
                  <span class="big-button-label">{action.label}</span>
                  {action.hint && <span class="big-button-hint">{action.hint}</span>}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="privacy-link">
        <a href={href.privacy}>{t('privacy.link')}</a>
      </p>
    </>
  );
}
