import { http, HttpResponse } from "msw";
import { screen } from "@testing-library/react";
import { buyer, makeListing } from "@/testing/mocks/db";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

describe("seller page", () => {
  it("shows who the seller is, their badges, how fast they reply and their cars", async () => {
    const car = makeListing({ title: "2021 Nissan Patrol LE" });
    server.use(
      http.get("*/api/v1/sellers/7", () =>
        HttpResponse.json({
          id: 7,
          display_name: "Ali Motors",
          account_type: "dealer",
          member_since: "2024-03-01T10:00:00+03:00",
          badges: ["verified_phone", "dealer"],
          active_listings: 1,
          typical_response_minutes: 90,
          listings: { count: 1, page: 1, page_size: 24, results: [car] },
        }),
      ),
    );
    renderApp("/sellers/7");
    expect(await screen.findByRole("heading", { level: 1, name: "Ali Motors" })).toBeInTheDocument();
    expect(screen.getByText("Verified phone")).toBeInTheDocument();
    expect(screen.getByText(/Usually replies within 2 hours/)).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "1 car for sale" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /2021 Nissan Patrol/ })).toHaveAttribute("href", `/bh/listings/${car.id}`);
  });

  it("shows a seller the numbers of their listing", async () => {
    server.use(
      http.get("*/api/v1/me/listings/5/stats", () =>
        HttpResponse.json({
          listing_id: 5,
          days: [
            { day: "2026-11-29", views: 0, saves: 0, messages: 0, calls: 0, whatsapp: 0 },
            { day: "2026-11-30", views: 12, saves: 2, messages: 1, calls: 1, whatsapp: 3 },
          ],
        }),
      ),
    );
    renderApp("/me/listings/5/stats", { user: buyer });
    const table = await screen.findByRole("table", { name: "The last 30 days, by day" });
    expect(table.querySelectorAll("tbody tr")).toHaveLength(1);
    expect(screen.getByText("WhatsApp", { selector: "dt" })).toBeInTheDocument();
  });
});
