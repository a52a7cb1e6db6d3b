import { http, HttpResponse } from "msw";
import { screen, within } from "@testing-library/react";
import { buyer, makeListing } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

// A buyer whose profile is Saudi: Bahraini prices get a "≈ SAR" line (docs/API-notes/exchange-rates.md).
const saudi = { ...buyer, country: "sa" as const };
const currenciesAsked = (path: string) =>
  state.requests.filter((request) => new URL(request.url).pathname.endsWith(path)).map((request) => new URL(request.url).searchParams.get("display_currency"));
const article = async (title: string) => (await screen.findByRole("heading", { level: 2, name: title })).closest("article") as HTMLElement;

describe("the lists a buyer keeps price their cars in the buyer's currency too", () => {
  beforeEach(() => state.rates.set("SAR>BHD", "0.1"));

  it("favourites", async () => {
    state.favorites.set(2, { saved_price: "6200.000", favorited_at: "2026-11-20T10:00:00+03:00" });
    renderApp("/account/favorites", { user: saudi });
    const camry = await article("2019 Toyota Camry");
    expect(within(camry).getByText("BHD 6,200.000")).toBeInTheDocument();
    expect(within(camry).getByText("≈ SAR 62,000")).toBeInTheDocument();
    expect(currenciesAsked("/me/favorites")).toEqual(["SAR"]);
  });

  it("but not a Bahraini buyer's, whose currency they are in", async () => {
    state.favorites.set(2, { saved_price: "6200.000", favorited_at: "2026-11-20T10:00:00+03:00" });
    renderApp("/account/favorites", { user: buyer });
    const camry = await article("2019 Toyota Camry");
    expect(within(camry).getByText("BHD 6,200.000")).toBeInTheDocument();
    expect(within(camry).queryByText(/≈/)).not.toBeInTheDocument();
  });

  it("notifications of saved searches", async () => {
    renderApp("/account/notifications", { user: saudi });
    const patrol = await article("2022 Nissan Patrol");
    expect(within(patrol).getByText("≈ SAR 219,005")).toBeInTheDocument();
    expect(currenciesAsked("/me/notifications")).toEqual(["SAR"]);
  });

  it("the car a conversation is about", async () => {
    renderApp("/messages/9", { user: saudi });
    const approx = await screen.findByText("≈ SAR 185,000");
    expect(approx.closest(".thread-head")).not.toBeNull();
  });

  it("a seller's page", async () => {
    const car = makeListing({ title: "2021 Nissan Patrol LE", price: "9000.000" });
    server.use(
      http.get("*/api/v1/sellers/7", ({ request }) => {
        const asked = new URL(request.url).searchParams.get("display_currency");
        const price_approx = asked === "SAR" ? { currency: "SAR", price: "90000.00" } : null;
        return HttpResponse.json({
          id: 7,
          display_name: "Ali Motors",
          account_type: "dealer",
          member_since: "2024-03-01T10:00:00+03:00",
          badges: [],
          active_listings: 1,
          typical_response_minutes: null,
          listings: { count: 1, page: 1, page_size: 24, results: [{ ...car, price_approx }] },
        });
      }),
    );
    renderApp("/sellers/7", { user: saudi });
    expect(await screen.findByText("≈ SAR 90,000")).toBeInTheDocument();
  });
});
