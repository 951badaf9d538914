// The Ampel by colour AND shape AND words, so it reads without colour vision and aloud.
import type { Ampel } from '../shared/catalogue';
import { useT } from './settings-context';

const SYMBOL: Record<Ampel, string> = { green: '●', yellow: '▲', red: '■' };

export function AmpelBadge(props: { ampel: Ampel }) {
  const t = useT();
  return (
    <span class={`ampel ampel-${props.ampel}`}>
      <span class="ampel-symbol" aria-hidden="true">
        {SYMBOL[props.ampel]}
      </span>{' '}
      {t(`ampel.${props.ampel}`)}
    </span>
  );
}
