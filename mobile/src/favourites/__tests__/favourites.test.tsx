import { fireEvent, screen, waitFor } from "@testing-library/react-native";
import type { Schema } from "@/api/types";
import { card, listing, searchAnswer } from "@/testing/fixtures";
import type { Handlers } from "@/testing/fake-api";
import { renderApp } from "@/testing/render";

function server() {
  const state = { ids: [] as number[], saved: [] as Schema<"SavedSearch">[] };
  const page = <T,>(results: T[]) => ({ count: results.length, page: 1, page_size: 24, results });
  const handlers: Handlers = {
    "/api/v1/search/listings": { get: ({ query }) => ({ status: 200, body: searchAnswer({ count: query.getAll("make").length ? 1 : 9, results: [card({ id: 1 })] }) }) },
    "/api/v1/me/unread": { get: () => ({ status: 200, body: { unread_count: 0, conversations_with_unread: 0 } }) },
    "/api/v1/listings/{listing_id}": { get: () => ({ status: 200, body: listing({ id: 1 }) }) },
    "/api/v1/me/favorites/ids": { get: () => ({ status: 200, body: { ids: state.ids } }) },
    "/api/v1/me/favorites/{listing_id}": {
      put: ({ params }) => {
        state.ids = [...state.ids, Number(params.listing_id)];
        return { status: 204, body: null };
      },
      delete: ({ params }) => {
        state.ids = state.ids.filter((id) => id !== Number(params.listing_id));
        return { status: 204, body: null };
      },
    },
    "/api/v1/me/favorites": {
      get: () => ({ status: 200, body: page(state.ids.map((id) => ({ ...listing({ id }), saved_price: "7500.000", price_dropped: true, favorited_at: "2026-12-01T10:00:00Z" }))) }),
    },
    "/api/v1/me/saved-searches": {
      get: () => ({ status: 200, body: page(state.saved) }),
      post: ({ body }) => {
        const { query } = body as { query: string };
        const saved = { id: 4, name: "Toyota", query, alert: true, unread_count: 2, created_at: "2026-12-01T10:00:00Z", updated_at: "2026-12-01T10:00:00Z" };
        state.saved = [saved];
        return { status: 201, body: saved };
      },
    },
    "/api/v1/me/saved-searches/{saved_search_id}": {
      delete: () => {
        state.saved = [];
        return { status: 204, body: null };
      },
    },
  };
  return { state, handlers };
}

test("a car is saved from its page and unsaved again", async () => {
  const { handlers, state } = server();
  const { api } = await renderApp({ token: "key-1", handlers });
  fireEvent.press(await screen.findByLabelText("Toyota Camry 2019, BHD 7,200"));
  fireEvent.press(await screen.findByRole("button", { name: "Save" }));
  expect(await screen.findByRole("button", { name: "Saved" })).toBeTruthy();
  expect(state.ids).toEqual([1]);
  fireEvent.press(screen.getByRole("button", { name: "Saved" }));
  expect(await screen.findByRole("button", { name: "Save" })).toBeTruthy();
  expect(api.sent("/api/v1/me/favorites/1", "DELETE")).toHaveLength(1);
});

test("the saved cars are listed on the Favourites tab", async () => {
  const { handlers, state } = server();
  state.ids = [1];
  await renderApp({ token: "key-1", handlers });
  fireEvent.press(await screen.findByRole("button", { name: "Favourites" }));
  expect(await screen.findByText("Saved cars")).toBeTruthy();
  expect(await screen.findByLabelText("Toyota Camry 2019, BHD 7,200")).toBeTruthy();
  expect(screen.getByText("Searches you save appear here.")).toBeTruthy();
});

test("a search is saved with its filters, listed with its new matches, and runs again from the list", async () => {
  const { handlers } = server();
  const { api } = await renderApp({ token: "key-1", handlers });
  fireEvent.press(await screen.findByLabelText("Filters"));
  fireEvent.press(await screen.findByLabelText("Toyota (1)"));
  fireEvent.press(screen.getByLabelText(/^Show results/));
  fireEvent.press(await screen.findByRole("button", { name: "Save this search" }));
  expect(await screen.findByText("Search saved: you will be told of new matches.")).toBeTruthy();
  expect(api.sent("/api/v1/me/saved-searches", "POST")[0].body).toEqual({ query: "country=bh&make=toyota", alert: true });

  // The buyer searches for something else, then runs the saved search again.
  fireEvent.press(await screen.findByLabelText("Filters (1)"));
  fireEvent.press(await screen.findByLabelText("Clear all"));
  fireEvent.press(screen.getByLabelText(/^Show results/));
  expect(await screen.findByLabelText("Filters")).toBeTruthy();

  fireEvent.press(screen.getByRole("button", { name: "Favourites" }));
  expect(await screen.findByText("Toyota")).toBeTruthy();
  expect(screen.getByLabelText("2 new")).toBeTruthy();
  fireEvent.press(screen.getByText("Toyota"));
  expect(await screen.findByLabelText("Filters (1)")).toBeTruthy();
  await waitFor(() => expect(api.sent("/api/v1/search/listings").at(-1)?.query.getAll("make")).toEqual(["toyota"]));
});
