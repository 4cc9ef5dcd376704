import type { MouseEvent, ReactNode } from 'react';
import { navigate } from '../router.js';

/** An in-page link: a real `<a>` (opens in a new tab too) that navigates without a reload. */
export function Link(props: { to: string; className?: string; children: ReactNode; testId?: string }) {
  const onClick = (e: MouseEvent) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate(props.to);
  };
  return (
    <a href={props.to} className={props.className} onClick={onClick} data-testid={props.testId}>
      {props.children}
    </a>
  );
}
