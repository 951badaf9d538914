// Hash routing must not miss a change made while the app starts: between the first render and
// the effect that listens for `hashchange` (seen as a flaky e2e run: the enrolment link opened
// during start-up left the app on the start screen).
import { render, screen } from '@testing-library/preact';
import { expect, it } from 'vitest';
import { useRoute } from '../../src/views/use-route';

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
