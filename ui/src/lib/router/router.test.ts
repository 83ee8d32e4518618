import { describe, expect, it } from "vitest";
import { Router } from "./router.svelte";

describe("Router", () => {
  it("starts at home, or where it is told", () => {
    expect(new Router().route).toEqual({ name: "home" });
    expect(new Router({ name: "plan" }).route).toEqual({ name: "plan" });
  });

  it("replaces the whole route, parameters and all, and opens it afresh", () => {
    const router = new Router();
    router.go({ name: "incident", id: 3, step: "tell" });
    expect(router.route).toEqual({ name: "incident", id: 3, step: "tell" });
    expect(router.visit).toBe(1);
    router.go({ name: "incident", id: 3 });
    expect(router.route).toEqual({ name: "incident", id: 3 });
    expect(router.visit).toBe(2);
    router.go({ name: "print" });
    expect(router.route).toEqual({ name: "print" });
    expect(router.visit).toBe(3);
  });

  it("stays put, with nothing opened again, when already there", () => {
    const router = new Router();
    router.go({ name: "contacts", edit: 5 });
    router.go({ name: "contacts", edit: 5 });
    expect(router.visit).toBe(1);
  });

  it("opens the screen shown anew when asked afresh (a shortcut, the red button)", () => {
    const router = new Router();
    router.go({ name: "start" });
    router.go({ name: "start" }, { afresh: true });
    expect(router.visit).toBe(2);
    expect(router.route).toEqual({ name: "start" });
  });
});
