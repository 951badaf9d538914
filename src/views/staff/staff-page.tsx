// Layout of every staff screen: one heading that takes the focus when the screen changes, so
// screen readers announce it (the staff nav above it is the way around).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function StaffPage(props: { title: string; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [props.title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {props.title}
      </h1>
      {props.children}
    </>
  );
}
