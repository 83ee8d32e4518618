// The one way to move the window: `go(route)`. Each move opens its screen afresh (a new
// `visit`), so a screen reads its data when it opens and never shows the last one's.
import { type Route, sameRoute } from "./routes";

export class Router {
  route = $state<Route>({ name: "home" });
  /** Counts the screens opened: a new count opens the screen afresh. */
  visit = $state(0);

  constructor(first: Route = { name: "home" }) {
    this.route = first;
  }

  /**
   * Goes to `route`. Already there, nothing happens (what is being typed stays), unless
   * `afresh`: a shortcut or the red button open their screen anew on what they ask for.
   */
  go = (route: Route, { afresh = false }: { afresh?: boolean } = {}) => {
    if (!afresh && sameRoute(route, this.route)) return;
    this.route = route;
    this.visit += 1;
  };
}
