// A tiny router for the staff pages on the history API: the address is the state, links are real
// <a href> (open in a new tab works) whose plain left clicks become pushState instead of a page load.
import { createElement, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** Path and query of the current address (`/app/audit?actor=an`). */
export function currentPath(): string {
  return window.location.pathname + window.location.search;
}

/** The current path and query; the component re-renders when they change. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** Goes to `to` (same origin, e.g. `/app/users`) without reloading; `replace` leaves no history entry. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentPath()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  listeners.forEach((listener) => listener());
  if (!options.replace) window.scrollTo(0, 0);
}

/** `/app/audit?x=1` → `/app/audit`; a trailing slash is dropped so `/app/users/` matches `/app/users`. */
export function pathnameOf(path: string): string {
  const pathname = path.split(/[?#]/, 1)[0] ?? path;
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

/** `to` is `section` or below it: `/app/surveys/abc` is within `/app/surveys`, `/app/surveysx` is not. */
export function isWithin(path: string, section: string): boolean {
  const pathname = pathnameOf(path);
  return pathname === section || pathname.startsWith(`${section}/`);
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** An <a href> that navigates in place on a plain click and behaves natively otherwise (new tab, etc.). */
export function Link(props: LinkProps) {
  const { onClick, ...rest } = props;
  return createElement('a', {
    ...rest,
    onClick(event: MouseEvent<HTMLAnchorElement>) {
      onClick?.(event);
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || props.target) return;
      event.preventDefault();
      navigate(props.href);
    },
  });
}
