// Hash routing must not miss a change made while the app starts: between the first render and
// the effect that listens for `hashchange` (seen as a flaky e2e run: the enrolment link opened
// during start-up left the app on the start screen). And which screen each address opens, old
// addresses included.
import { render, screen } from '@testing-library/preact';
import { expect, it } from 'vitest';
import { href, parseRoute, useRoute } from '../../src/views/use-route';

it('picks up a hash that changed after the first render but before listening', () => {
  history.replaceState(null, '', '#/');
  let first = true;
  function Probe() {
    const route = useRoute();
    if (first) {
      first = false;
      // No hashchange event for this one, like a change that fell between render and effect.
      history.replaceState(null, '', '#/geraet');
    }
    return <p>{route.name}</p>;
  }
  render(<Probe />);
  expect(screen.getByText('enrol')).toBeTruthy();
});

// prettier-ignore
it.each<[string, ReturnType<typeof parseRoute>]>([
  ['#/anruf', { name: 'newEntry', kind: 'call' }],
  ['#/beratung', { name: 'newEntry', kind: 'advice' }],
  ['#/eintraege', { name: 'entries' }],
  ['#/eintrag/e%2F1', { name: 'entry', id: 'e/1' }],
  ['#/eintrag', { name: 'entries' }],
  // Links from before entries of every kind ("Meine Anrufe", a call's page) still open.
  ['#/anrufe', { name: 'entries', kind: 'call' }],
  ['#/anrufe/c1', { name: 'entry', id: 'c1' }],
  ['#/spaziergang', { name: 'walk' }],
  ['#/gespraeche', { name: 'partners' }],
  ['#/anruf/p%2F1', { name: 'newEntry', kind: 'call', partnerId: 'p/1' }],
])('%s', (hash, route) => {
  expect(parseRoute(hash)).toEqual(route);
  if (route.name === 'entry') expect(parseRoute(href.entry(route.id))).toEqual(route);
  if (route.name === 'newEntry' && route.partnerId) {
    expect(parseRoute(href.callWith(route.partnerId))).toEqual(route);
  }
});
