import { screen, waitFor, within } from "@testing-library/react";
import { expectNoSeriousA11yViolations } from "@/testing/axe";
import { state } from "@/testing/mocks/handlers";
import { renderApp, searchOf } from "@/testing/test-utils";

describe("home", () => {
  it("lists popular makes from the make facet of a one-result search", async () => {
    renderApp("/");
    const makes = await screen.findByRole("region", { name: "Popular makes" });
    const toyota = await within(makes).findByRole("link", { name: /Toyota/ });
    expect(toyota).toHaveAttribute("href", "/bh/search?make=toyota");
    expect(toyota).toHaveTextContent("2 cars");
    expect(state.requests.some((request) => new URL(request.url).search === "?country=bh&page_size=1")).toBe(true);
  });

  it("suggests as you type; picking a suggestion searches that make and model", async () => {
    const { user, router } = renderApp("/");
    const box = await screen.findByRole("combobox", { name: "Search cars" });
    await user.type(box, "patr");
    const option = await screen.findByRole("option", { name: /Nissan Patrol/ });
    await user.keyboard("{ArrowDown}");
    expect(box).toHaveAttribute("aria-activedescendant", option.id);
    await user.keyboard("{Enter}");
    await waitFor(() => expect(router.state.location.pathname).toBe("/bh/search"));
    expect(searchOf(router).toString()).toBe("make=nissan&model=patrol");
  });

  it("searches free text with Enter", async () => {
    const { user, router } = renderApp("/");
    await user.type(await screen.findByRole("combobox", { name: "Search cars" }), "land cruiser{Escape}{Enter}");
    await waitFor(() => expect(router.state.location.pathname).toBe("/bh/search"));
    expect(searchOf(router).get("q")).toBe("land cruiser");
  });

  it("has no serious accessibility violations", async () => {
    const { container, settle } = renderApp("/");
    await screen.findByRole("region", { name: "Popular makes" });
    await settle();
    await expectNoSeriousA11yViolations(container);
  });
});
