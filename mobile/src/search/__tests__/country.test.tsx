import { fireEvent, screen, waitFor } from "@testing-library/react-native";
import { bahrain, card, enums, saudi, searchAnswer, user } from "@/testing/fixtures";
import type { Handlers } from "@/testing/fake-api";
import { renderApp } from "@/testing/render";

/** A search that answers in the country asked: riyals for Saudi Arabia, dinars otherwise. */
function handlers(profileCountry: "bh" | "sa"): Handlers {
  return {
    "/api/v1/me": { get: () => ({ status: 200, body: user({ id: 9, country: profileCountry }) }) },
    "/api/v1/me/unread": { get: () => ({ status: 200, body: { unread_count: 0, conversations_with_unread: 0 } }) },
    "/api/v1/catalog/enums": { get: () => ({ status: 200, body: enums({ country: [bahrain(), saudi()] }) }) },
    "/api/v1/search/listings": {
      get: ({ query }) => {
        const riyals = query.get("country") === "sa";
        const understood = query.get("q") ? [{ field: "price_max", value: riyals ? "90000.00" : "9000.000", text: query.get("q")! }] : [];
        const result = riyals ? card({ id: 1, title: "Camry in Riyadh", price: "85000.00", currency: "SAR" }) : card({ id: 2, title: "Camry in Manama", price: "7200.000", currency: "BHD" });
        return { status: 200, body: searchAnswer({ count: 1, results: [result], understood }) };
      },
    },
  };
}

test("a buyer searches their profile's country in its currency, switches to Bahrain, and the app remembers it", async () => {
  const { api, unmount } = await renderApp({ token: "buyer-key", handlers: handlers("sa") });

  // Their profile says Saudi Arabia: the search is of its cars, its prices in riyals
  expect(await screen.findByText("Camry in Riyadh")).toBeTruthy();
  expect(screen.getByText("SAR 85,000")).toBeTruthy();
  expect(screen.getByLabelText("Cars in Saudi Arabia")).toBeTruthy();
  // and no Bahraini answer came first.
  expect(api.sent("/api/v1/search/listings").map((request) => request.query.get("country"))).toEqual(["sa"]);
  fireEvent.changeText(screen.getByPlaceholderText(/Search cars/), "under 90000");
  fireEvent(screen.getByPlaceholderText(/Search cars/), "submitEditing");
  expect(await screen.findByText("Price: To SAR 90,000 ✕")).toBeTruthy();
  fireEvent.press(screen.getByLabelText("Filters"));
  expect(await screen.findByText("Price (SAR)")).toBeTruthy();
  fireEvent.press(screen.getByLabelText(/^Show results/));

  // When they choose Bahrain
  fireEvent.press(await screen.findByLabelText("Cars in Saudi Arabia"));
  fireEvent.press(await screen.findByRole("radio", { name: "Bahrain" }));

  // Then the same words search Bahrain, in dinars
  expect(await screen.findByText("Camry in Manama")).toBeTruthy();
  expect(screen.getByText("BHD 7,200")).toBeTruthy();
  expect(await screen.findByText("Price: To BHD 9,000 ✕")).toBeTruthy();
  const last = api.sent("/api/v1/search/listings").at(-1)!;
  expect([last.query.get("country"), last.query.get("q")]).toEqual(["bh", "under 90000"]);

  // and the next time the app starts it is still Bahrain's search.
  unmount();
  const again = await renderApp({ token: "buyer-key", handlers: handlers("sa"), restart: true });
  expect(await screen.findByText("Camry in Manama")).toBeTruthy();
  expect(screen.getByLabelText("Cars in Bahrain")).toBeTruthy();
  expect(again.api.sent("/api/v1/search/listings").map((request) => request.query.get("country"))).toEqual(["bh"]);
});

test("a saved search keeps its country", async () => {
  const saved: unknown[] = [];
  const { api } = await renderApp({
    token: "buyer-key",
    handlers: {
      ...handlers("bh"),
      "/api/v1/me/saved-searches": { post: ({ body }) => (saved.push(body), { status: 201, body: { id: 1, name: "camry", query: "q=camry&country=sa", alert: true, unread_count: 0, created_at: "2026-12-01T10:00:00Z", updated_at: "2026-12-01T10:00:00Z" } }) },
    },
  });
  fireEvent.press(await screen.findByLabelText("Cars in Bahrain"));
  fireEvent.press(await screen.findByRole("radio", { name: "Saudi Arabia" }));
  expect(await screen.findByText("Camry in Riyadh")).toBeTruthy();
  fireEvent.changeText(screen.getByPlaceholderText(/Search cars/), "camry");
  fireEvent(screen.getByPlaceholderText(/Search cars/), "submitEditing");
  fireEvent.press(await screen.findByRole("button", { name: "Save this search" }));
  await waitFor(() => expect(saved).toEqual([{ query: "q=camry&country=sa", alert: true }]));
  expect(api.sent("/api/v1/search/listings").at(-1)!.query.get("country")).toBe("sa");
});
