import { http, HttpResponse } from "msw";
import { screen, waitFor, within } from "@testing-library/react";
import { expectNoSeriousA11yViolations } from "@/testing/axe";
import { buyer, seller } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

describe("listing detail", () => {
  it("says a listing address that is no number is not found, instead of loading forever", async () => {
    renderApp("/listings/abc");
    expect(await screen.findByRole("heading", { name: "This car is no longer listed" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /browse/i })).toHaveAttribute("href", "/bh/search");
  });

  it("shows the car: price, specs with catalog labels, seller and similar cars", async () => {
    renderApp("/listings/1");
    expect(await screen.findByRole("heading", { level: 1, name: "2021 Toyota Land Cruiser GXR" })).toBeInTheDocument();
    expect(screen.getAllByText("BHD 18,500.000")[0]).toBeInTheDocument();
    const specs = screen.getByRole("table", { name: "Specifications" });
    expect(within(specs).getByRole("row", { name: "Regional specs GCC" })).toBeInTheDocument();
    expect(within(specs).getByRole("row", { name: "Mileage (km) 45,000 km" })).toBeInTheDocument();
    expect(screen.getByText("Ali Motors")).toBeInTheDocument();
    expect(screen.getByText("Dealer", { selector: ".muted" })).toBeInTheDocument();
    const similar = await screen.findByRole("region", { name: "Similar cars" });
    expect(within(similar).getByText("2019 Toyota Camry")).toBeInTheDocument();
  });

  it("shows a Saudi buyer the price in riyals too, at staff's rate, under the price and on similar cars", async () => {
    state.rates.set("BHD>SAR", "9.973404");
    renderApp("/listings/1", { user: { ...buyer, country: "sa" } });
    expect(await screen.findByText("≈ SAR 184,508", { selector: ".price-approx" })).toHaveAttribute(
      "title",
      "Approximate, at the exchange rate Sayara sets",
    );
    const similar = await screen.findByRole("region", { name: "Similar cars" });
    expect(within(similar).getByText("≈ SAR 61,835")).toBeInTheDocument();
  });

  it("shows no approximate price in the buyer's own currency, nor without a rate", async () => {
    state.rates.set("BHD>SAR", "9.973404");
    const { settle } = renderApp("/listings/1", { user: buyer });
    expect(await screen.findByRole("heading", { level: 1, name: "2021 Toyota Land Cruiser GXR" })).toBeInTheDocument();
    await settle();
    expect(screen.queryByText(/≈/)).not.toBeInTheDocument();
  });

  it("places the price in the market band of the same make, model and near years", async () => {
    renderApp("/listings/1");
    expect(await screen.findByText("Asking prices of 14 listed cars of this model from 2020–2022")).toBeInTheDocument();
    expect(screen.getByText("BHD 17,500.000")).toBeInTheDocument();
    const sent = new URL(state.requests.find((request) => request.url.includes("/analytics/market"))!.url).searchParams;
    expect(Object.fromEntries(sent)).toEqual({ country: "bh", make: "toyota", model: "land-cruiser", year_min: "2020", year_max: "2022" });
  });

  it("rates the asking price against comparable cars", async () => {
    renderApp("/listings/1");
    const market = await screen.findByRole("region", { name: "Price compared to the market" });
    expect(await within(market).findByText("Good price")).toHaveClass("badge-ok");
    expect(within(market).getByText("8% below similar cars")).toBeInTheDocument();
    expect(within(market).getByText(/Similar cars: BHD 18,800–21,601 · based on 12 comparable cars/)).toBeInTheDocument();
    // One verdict only: the band's own above/below label steps aside.
    expect(within(market).queryByText("Fair market price")).not.toBeInTheDocument();
  });

  it("marks an overpriced car in the danger colour", async () => {
    state.marketValues.set(5, { rating: "overpriced", difference_percent: 21.4, comparables_count: 7 });
    renderApp("/listings/5");
    expect(await screen.findByText("Overpriced")).toHaveClass("badge-danger");
    expect(screen.getByText("21% above similar cars")).toBeInTheDocument();
  });

  it("says gently when there are too few comparable cars to rate the price", async () => {
    renderApp("/listings/3");
    expect(await screen.findByText("We cannot rate this price yet: we found only 2 similar cars and need at least 5 to compare.")).toBeInTheDocument();
    expect(screen.queryByText(/price$/, { selector: ".badge" })).not.toBeInTheDocument();
  });

  it("leaves the rating out when the market value cannot be had", async () => {
    let asked = false;
    server.use(
      http.get("*/api/v1/listings/:id/market-value", () => {
        asked = true;
        return HttpResponse.json({ detail: "Search is temporarily unavailable." }, { status: 503 });
      }),
    );
    const { settle } = renderApp("/listings/1");
    expect(await screen.findByText("Asking prices of 14 listed cars of this model from 2020–2022")).toBeInTheDocument();
    await settle();
    expect(asked).toBe(true);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.queryByText("Good price")).not.toBeInTheDocument();
  });

  it("records one contact click when a buyer starts using the contact form", async () => {
    const { user, router } = renderApp("/listings/1", { user: buyer });
    const box = await screen.findByLabelText("Message the seller");
    const clicks = () => state.requests.filter((request) => request.url.endsWith("/listings/1/contact-click"));
    expect(clicks()).toHaveLength(0);
    await user.click(box);
    await waitFor(() => expect(clicks()).toHaveLength(1));
    expect(clicks()[0].method).toBe("POST");
    expect(clicks()[0].headers.get("X-CSRFToken")).toBe("test-csrf");
    await user.click(screen.getByRole("button", { name: "Send message" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/messages/9"));
    expect(clicks()).toHaveLength(1);
  });

  it("ignores a contact click the server refuses", async () => {
    server.use(http.post("*/api/v1/listings/:id/contact-click", () => HttpResponse.json({ detail: "Session expired." }, { status: 401 })));
    const { user, router } = renderApp("/listings/1", { user: buyer });
    await user.click(await screen.findByLabelText("Message the seller"));
    await user.click(screen.getByRole("button", { name: "Send message" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/messages/9"));
  });

  it("asks anonymous visitors to sign in before messaging", async () => {
    renderApp("/listings/1");
    expect(await screen.findByRole("link", { name: "Sign in to message the seller" })).toHaveAttribute("href", "/sign-in?next=%2Fbh%2Flistings%2F1");
  });

  it("messages the seller and opens the thread", async () => {
    const { user, router } = renderApp("/listings/1", { user: buyer });
    const box = await screen.findByLabelText("Message the seller");
    expect(box).toHaveValue("Hello, is the 2021 Toyota Land Cruiser GXR still available?");
    await user.click(screen.getByRole("button", { name: "Send message" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/messages/9"));
    expect(state.requests.find((request) => request.url.endsWith("/conversations"))?.body).toEqual({
      listing_id: 1,
      body: "Hello, is the 2021 Toyota Land Cruiser GXR still available?",
    });
  });

  it("saves and unsaves the car as a favourite with PUT and DELETE", async () => {
    const { user } = renderApp("/listings/1", { user: buyer });
    const save = await screen.findByRole("button", { name: "Save" });
    expect(save).toHaveAttribute("aria-pressed", "false");
    await user.click(save);
    await waitFor(() => expect(screen.getByRole("button", { name: "Saved" })).toHaveAttribute("aria-pressed", "true"));
    expect(state.requests.some((request) => request.method === "PUT" && request.url.endsWith("/me/favorites/1"))).toBe(true);
    await user.click(screen.getByRole("button", { name: "Saved" }));
    await waitFor(() => expect(state.requests.some((request) => request.method === "DELETE" && request.url.endsWith("/me/favorites/1"))).toBe(true));
    expect(await screen.findByRole("button", { name: "Save" })).toHaveAttribute("aria-pressed", "false");
  });

  it("shows the owner edit links instead of contact", async () => {
    renderApp("/listings/1", { user: seller });
    expect(await screen.findByRole("link", { name: "Edit" })).toHaveAttribute("href", "/listings/1/edit");
    expect(screen.queryByLabelText("Message the seller")).not.toBeInTheDocument();
  });

  it("tells its owner why a listing waits for review when a photo looks like another seller's", async () => {
    Object.assign(state.listings[0], { status: "pending_review", held_for: "duplicate_photo" });
    renderApp("/listings/1", { user: seller });
    expect(await screen.findByText(/A photo of this listing looks like one on another seller's listing/)).toBeInTheDocument();
    expect(screen.queryByText(/far from what similar cars sell for/)).not.toBeInTheDocument();
  });

  it("says when a listing is gone", async () => {
    renderApp("/listings/999");
    expect(await screen.findByRole("heading", { name: "This car is no longer listed" })).toBeInTheDocument();
  });

  it("has no serious accessibility violations", async () => {
    const { container, settle } = renderApp("/listings/1");
    await screen.findByText("Good price");
    await settle();
    await expectNoSeriousA11yViolations(container);
  });
});
