// A screen as the router opens it: its component (read the first time it is needed, so
// start-up parses only the first screen), what it needs read before it shows (its loader),
// and its props, computed when drawn so they follow the app's state.
import type { Component } from "svelte";

export type Props = Record<string, unknown>;

/** A screen read and loaded, ready to draw with the app's state `C`. */
export type Shown<C> = { Screen: Component<Props>; props: (context: C) => Props };

/** How a route `R` opens its screen. */
export type Opens<C, R> = (route: R) => Promise<Shown<C>>;

/**
 * Describes a screen: `props` is checked against the component's own props, `load` reads
 * what it must show before it appears (its answer is `props`'s third argument).
 */
export function screen<C, R, P extends Props, D = undefined>(
  component: () => Promise<{ default: Component<P> }>,
  props: (route: R, context: C, data: D) => NoInfer<P>,
  load?: (route: R) => Promise<D>,
): Opens<C, R> {
  return async (route) => {
    const [module, data] = await Promise.all([component(), load?.(route)]);
    return {
      // Erased once here, checked above: the props given are the component's.
      Screen: module.default as unknown as Component<Props>,
      props: (context) => props(route, context, data as D),
    };
  };
}

/** A screen that is no route (first run, a refused data file, help): drawn with the props given. */
export function lazy<P extends Props>(
  component: () => Promise<{ default: Component<P> }>,
): () => Promise<Shown<P>> {
  const opens = screen<P, null, P>(component, (_route, props) => props);
  return () => opens(null);
}
