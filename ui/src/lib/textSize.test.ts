import { describe, expect, it, vi } from "vitest";
import { fakeBackend } from "./ipc/fake";
import { textSize } from "./textSize.svelte";

describe("text size", () => {
  it("steps from the size just asked for, and saves each in order, even when saves are slow", async () => {
    const saved: string[] = [];
    fakeBackend({
      set_text_size: async ({ size }) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        saved.push(size);
        return size;
      },
    });
    await textSize.set("100");
    saved.length = 0;

    textSize.step(1);
    textSize.step(1);
    await textSize.step(1);

    expect(textSize.value).toBe("200");
    expect(saved).toEqual(["125", "150", "200"]);
    await textSize.step(1);
    expect(textSize.value).toBe("200");
  });

  it("goes back to the size before when it cannot be saved", async () => {
    fakeBackend({ set_text_size: ({ size }) => size });
    await textSize.set("125");
    fakeBackend({
      set_text_size: () => {
        throw new Error("disk full");
      },
    });
    await textSize.set("150");
    expect(textSize.value).toBe("125");
  });

  it("goes back to the last size kept, never to one that failed to save", async () => {
    fakeBackend({ set_text_size: ({ size }) => size });
    await textSize.set("100");
    fakeBackend({
      set_text_size: ({ size }) => {
        if (size !== "125") throw new Error("disk full");
        return size;
      },
    });
    textSize.step(1);
    textSize.step(1);
    await textSize.step(1);
    expect(textSize.value).toBe("125");
  });

  it("takes the size read at start-up, unless a key chose one while Steady opened", async () => {
    vi.resetModules();
    const opened = (await import("./textSize.svelte")).textSize;
    await opened.adopt("150");
    expect(opened.value).toBe("150");

    vi.resetModules();
    const pressed = (await import("./textSize.svelte")).textSize;
    fakeBackend({ set_text_size: ({ size }) => size });
    pressed.step(1);
    await pressed.adopt("150");
    expect(pressed.value).toBe("125");
  });
});
