import { screen, waitFor, within } from "@testing-library/react";
import { buyer, makeListing } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { renderApp } from "@/testing/test-utils";

const card = async (title: string) => (await screen.findByRole("heading", { level: 2, name: title })).closest("article") as HTMLElement;

describe("favourites", () => {
  it("says when a favourite's price dropped since it was saved", async () => {
    state.favorites.set(2, { saved_price: "6200.000", favorited_at: "2026-11-20T10:00:00+03:00" });
    state.favorites.set(1, { saved_price: "20000.000", favorited_at: "2026-11-21T10:00:00+03:00" });
    renderApp("/account/favorites", { user: buyer });
    const cruiser = await card("2021 Toyota Land Cruiser GXR");
    expect(within(cruiser).getByText("Price dropped from BHD 20,000.000")).toBeInTheDocument();
    expect(within(cruiser).getByText("BHD 18,500.000")).toBeInTheDocument();
    expect(within(await card("2019 Toyota Camry")).queryByText(/Price dropped/)).not.toBeInTheDocument();
  });

  it("removes a favourite from the list and says so", async () => {
    state.favorites.set(1, { saved_price: "18500.000", favorited_at: "2026-11-21T10:00:00+03:00" });
    const { user } = renderApp("/account/favorites", { user: buyer });
    await card("2021 Toyota Land Cruiser GXR");
    await user.click(screen.getByRole("button", { name: "Remove from favourites: 2021 Toyota Land Cruiser GXR" }));
    expect(await screen.findByRole("status")).toHaveTextContent("2021 Toyota Land Cruiser GXR removed from favourites.");
    expect(await screen.findByRole("heading", { name: "No favourites yet" })).toBeInTheDocument();
    expect(state.favorites.has(1)).toBe(false);
  });
});

describe("hearts on search results", () => {
  it("fill for every favourite, even beyond the first hundred", async () => {
    state.favorites.set(5, { saved_price: "26000.000", favorited_at: "2026-01-01T10:00:00+03:00" });
    for (let id = 200; id < 330; id += 1) {
      state.listings.push(makeListing({ id, title: `Altima ${id}`, make: "nissan", model: "altima" }));
      state.favorites.set(id, { saved_price: "18500.000", favorited_at: "2026-11-21T10:00:00+03:00" });
    }
    renderApp("/search?make=lexus", { user: buyer });
    const lexus = await card("2020 Lexus LX");
    await waitFor(() => expect(within(lexus).getByRole("button", { name: "Save 2020 Lexus LX" })).toHaveAttribute("aria-pressed", "true"));
    expect(state.requests.some((request) => request.url.endsWith("/me/favorites/ids"))).toBe(true);
  });

  it("save and forget a car from its card", async () => {
    const { user } = renderApp("/search", { user: buyer });
    const heart = within(await card("2019 Toyota Camry")).getByRole("button", { name: "Save 2019 Toyota Camry" });
    await waitFor(() => expect(state.requests.some((request) => request.url.endsWith("/me/favorites/ids"))).toBe(true));
    expect(heart).toHaveAttribute("aria-pressed", "false");
    await user.click(heart);
    await waitFor(() => expect(heart).toHaveAttribute("aria-pressed", "true"));
    expect(state.requests.some((request) => request.method === "PUT" && request.url.endsWith("/me/favorites/2"))).toBe(true);
    await user.click(heart);
    await waitFor(() => expect(heart).toHaveAttribute("aria-pressed", "false"));
    expect(state.requests.some((request) => request.method === "DELETE" && request.url.endsWith("/me/favorites/2"))).toBe(true);
  });

  it("send anonymous visitors to sign in, then back to the same results", async () => {
    const { user, router } = renderApp("/search?make=toyota");
    await user.click(within(await card("2019 Toyota Camry")).getByRole("button", { name: "Save 2019 Toyota Camry" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/sign-in"));
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent("/bh/search?make=toyota")}`);
    expect(state.requests.some((request) => request.url.includes("/me/favorites"))).toBe(false);
  });
});
