// "≈ in your currency" (docs/API-notes/exchange-rates.md): the app names the user's currency
// (`display_currency`: their profile country's, else the phone's region's) and shows the
// API's `price_approx` as a muted line under the price, on cards and on the listing.
import { fireEvent, screen, waitFor } from "@testing-library/react-native";
import { bahrain, card, enums, listing, saudi, searchAnswer, user } from "@/testing/fixtures";
import type { Handlers } from "@/testing/fake-api";
import { renderApp } from "@/testing/render";

// What the API answers a car of `price` dinars asked in riyals, at staff's rate of 10.
const inRiyals = (query: URLSearchParams, price = "72000.00") => (query.get("display_currency") === "SAR" ? { currency: "SAR", price } : null);

function server(me = user()): Handlers {
  return {
    "/api/v1/catalog/enums": { get: () => ({ status: 200, body: enums({ country: [bahrain(), saudi()] }) }) },
    "/api/v1/me": { get: () => ({ status: 200, body: me }) },
    "/api/v1/me/unread": { get: () => ({ status: 200, body: { unread_count: 0, conversations_with_unread: 0 } }) },
    "/api/v1/me/favorites/ids": { get: () => ({ status: 200, body: { ids: [1] } }) },
    "/api/v1/me/saved-searches": { get: () => ({ status: 200, body: { count: 0, page: 1, page_size: 24, results: [] } }) },
    "/api/v1/search/listings": { get: ({ query }) => ({ status: 200, body: searchAnswer({ results: [card({ id: 1, price_approx: inRiyals(query) })] }) }) },
    // Its price changed since the search: the listing's own line shows, not the card's.
    "/api/v1/listings/{listing_id}": { get: ({ query }) => ({ status: 200, body: listing({ id: 1, price: "7250.500", price_approx: inRiyals(query, "72505.00") }) }) },
    "/api/v1/me/favorites": {
      get: ({ query }) => ({
        status: 200,
        body: {
          count: 1,
          page: 1,
          page_size: 24,
          results: [{ ...listing({ id: 1, price_approx: inRiyals(query) }), saved_price: "7200.000", price_dropped: false, favorited_at: "2026-12-01T10:00:00Z" }],
        },
      }),
    },
  };
}

const asked = (requests: { query: URLSearchParams }[]) => requests.map((request) => request.query.get("display_currency"));

test("on a phone in Saudi Arabia, Bahrain's cars are priced in riyals too, on the card and on the listing", async () => {
  const { api } = await renderApp({ handlers: server(), region: "SA" });
  expect(await screen.findByText("≈ SAR 72,000")).toBeTruthy();
  expect(asked(api.sent("/api/v1/search/listings"))).toEqual(["SAR"]);

  fireEvent.press(screen.getByLabelText("Toyota Camry 2019, BHD 7,200, About SAR 72,000 at Sayara's exchange rate"));
  await screen.findByRole("header", { name: "Toyota Camry 2019" });
  expect(await screen.findByText("≈ SAR 72,505")).toBeTruthy();
  expect(screen.getByText("BHD 7,250.500")).toBeTruthy();
  expect(asked(api.sent("/api/v1/listings/1"))).toEqual(["SAR"]);
});

test("a user whose profile is Saudi sees their favourites in riyals too, in Arabic", async () => {
  const { api } = await renderApp({ token: "key-1", language: "ar", handlers: server(user({ country: "sa", preferred_language: "ar" })) });
  fireEvent.press(await screen.findByRole("button", { name: "المفضلة" }));
  expect(await screen.findByText("≈ ٧٢٬٠٠٠ ر.س")).toBeTruthy();
  expect(screen.getAllByText("٧٬٢٠٠ د.ب").length).toBeGreaterThan(0);
  expect(asked(api.sent("/api/v1/me/favorites"))).toEqual(["SAR"]);
});

test("the profile's country wins over the phone's region, and its own country's search asks for no other currency", async () => {
  const { api } = await renderApp({ token: "key-1", handlers: server(user({ country: "bh" })), region: "SA" });
  expect(await screen.findByLabelText("Toyota Camry 2019, BHD 7,200")).toBeTruthy();
  expect(asked(api.sent("/api/v1/search/listings"))).toEqual([null]);

  fireEvent.press(screen.getByLabelText("Toyota Camry 2019, BHD 7,200"));
  await screen.findByRole("header", { name: "Toyota Camry 2019" });
  await waitFor(() => expect(asked(api.sent("/api/v1/listings/1"))).toEqual(["BHD"]));
  expect(screen.queryByText(/≈/)).toBeNull();
});

test("with no country of the marketplace to go by, no currency is asked and no line shows", async () => {
  const { api } = await renderApp({ handlers: server() });
  expect(await screen.findByLabelText("Toyota Camry 2019, BHD 7,200")).toBeTruthy();
  expect(asked(api.sent("/api/v1/search/listings"))).toEqual([null]);
  expect(screen.queryByText(/≈/)).toBeNull();
});
