import { screen as dom, render } from "@testing-library/svelte";
import type { Component } from "svelte";
import { describe, expect, it, vi } from "vitest";
import Toast from "../../components/Toast.svelte";
import Shown from "./Shown.svelte";
import { lazy, type Shown as Opened, screen } from "./screen";

type ToastProps = { text: string; onClose: () => void };
const toast = async () => ({ default: Toast as Component<ToastProps> });

/** Shown drawing toasts (its generic, which the testing library cannot infer). */
const ShownToast = Shown as unknown as Component<{
  open: () => Promise<Opened<ToastProps>>;
  context: ToastProps;
}>;

describe("screen", () => {
  it("reads the component and its loader together, and gives the loaded data to its props", async () => {
    const load = vi.fn(async (route: { id: number }) => `loaded ${route.id}`);
    const opens = screen(
      toast,
      (route: { id: number }, context: { onClose: () => void }, data: string) => ({
        text: `${data} for ${route.id}`,
        onClose: context.onClose,
      }),
      load,
    );
    const shown = await opens({ id: 4 });
    expect(load).toHaveBeenCalledWith({ id: 4 });
    const onClose = vi.fn();
    expect(shown.props({ onClose })).toEqual({ text: "loaded 4 for 4", onClose });
  });
});

describe("Shown", () => {
  it("draws the screen with the props of the context it is given", async () => {
    // `props:` spelt out: `context` alone would be read as Svelte's own mount option.
    render(ShownToast, {
      props: { open: lazy(toast), context: { text: "Restored.", onClose: vi.fn() } },
    });
    expect(await dom.findByText("Restored.")).toBeInTheDocument();
  });

  it("says so when a screen could not be read", async () => {
    render(ShownToast, {
      props: {
        open: () => Promise.reject(new Error("chunk missing")),
        context: { text: "never drawn", onClose: vi.fn() },
      },
    });
    expect(await dom.findByRole("alert")).toHaveTextContent(
      "Something went wrong. Nothing was changed.",
    );
  });
});
