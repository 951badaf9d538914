// Layout of every screen but the start screen: a large way back, then one heading.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { href } from './use-route';
import { useT } from './settings-context';

export function Page(props: { title: string; children: ComponentChildren }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  // Screen readers announce the new screen: focus moves to its heading after navigation.
  useEffect(() => heading.current?.focus(), [props.title]);
  return (
    <>
      <a class="back" href={href.home}>
        <span aria-hidden="true">←</span> {t('nav.home')}
      </a>
      <h1 ref={heading} tabIndex={-1}>
        {props.title}
      </h1>
      {props.children}
    </>
  );
}
