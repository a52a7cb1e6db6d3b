import { screen, waitFor, within } from "@testing-library/react";
import { buyer, makeListing } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { renderApp, searchOf } from "@/testing/test-utils";

function addSaudiCars() {
  state.listings.push(
    makeListing({ id: 901, country: "sa", currency: "SAR", region: "riyadh", make: "nissan", model: "patrol", price: "85000.50", mileage_km: 40000 }),
    makeListing({ id: 902, country: "sa", currency: "SAR", region: "riyadh", make: "nissan", model: "patrol", price: "95000.00", mileage_km: 60000 }),
  );
}

function comparisonRequests() {
  return state.requests.filter((request) => request.url.includes("/analytics/countries")).map((request) => new URL(request.url).searchParams);
}

describe("market insights per country", () => {
  it("shows the figures of the country in the URL, in its currency", async () => {
    addSaudiCars();
    renderApp("/sa/insights", { user: buyer });
    expect(await screen.findByText(/cars listed in Saudi Arabia/)).toBeInTheDocument();
    await screen.findByRole("img", { name: /SAR/ });
    const bodies = state.requests.filter((request) => request.url.endsWith("/analytics/aggregate")).map((request) => request.body);
    expect(bodies).toContainEqual({ filters: { country: "sa" }, group_by: ["year"], metrics: ["count", "price_median", "mileage_median"] });
    expect(bodies.every((body) => (body as { filters: { country: string } }).filters.country === "sa")).toBe(true);
  });

  it("opens the bare /insights in the buyer's country", async () => {
    const { router } = renderApp("/insights?make=toyota", { user: buyer });
    await waitFor(() => expect(router.state.location.pathname).toBe("/bh/insights"));
    expect(searchOf(router).get("make")).toBe("toyota");
  });

  it("compares the countries side by side, each price in its own currency", async () => {
    addSaudiCars();
    renderApp("/bh/insights", { user: buyer });
    const section = await screen.findByRole("region", { name: "Countries side by side" });
    const table = await within(section).findByRole("table");
    const headers = within(table).getAllByRole("columnheader").map((cell) => cell.textContent);
    expect(headers).toEqual(["Bahrain", "Saudi Arabia", "United Arab Emirates", "Kuwait", "Qatar", "Oman"]);
    const median = within(table).getByRole("row", { name: /Median asking price/ });
    const cells = within(median).getAllByRole("cell").map((cell) => cell.textContent);
    expect(cells[0]).toMatch(/^BHD /);
    expect(cells[1]).toBe("SAR 85,000.50");
    expect(cells[2]).toBe("—");
    const makes = within(table).getByRole("row", { name: /Top makes/ });
    expect(within(makes).getAllByRole("cell")[1]).toHaveTextContent("Nissan 100%");
    expect(comparisonRequests().at(-1)?.get("countries")).toBe("bh,sa,ae,kw,qa,om");
  });

  it("compares the countries chosen, under the page's shared filters", async () => {
    addSaudiCars();
    const { user, router } = renderApp("/bh/insights?make=nissan", { user: buyer });
    const section = await screen.findByRole("region", { name: "Countries side by side" });
    for (const name of ["United Arab Emirates", "Kuwait", "Qatar", "Oman"]) await user.click(within(section).getByRole("checkbox", { name }));
    await waitFor(() => expect(searchOf(router).get("compare")).toBe("bh,sa"));
    await waitFor(() => expect(within(section).getAllByRole("columnheader").map((cell) => cell.textContent)).toEqual(["Bahrain", "Saudi Arabia"]));
    const last = comparisonRequests().at(-1);
    expect(last?.get("countries")).toBe("bh,sa");
    expect(last?.get("make")).toBe("nissan");
    expect(last?.has("country")).toBe(false);
    await user.click(within(section).getByRole("checkbox", { name: "Bahrain" }));
    await user.click(within(section).getByRole("checkbox", { name: "Saudi Arabia" }));
    expect(await within(section).findByText("Choose at least one country to compare.")).toBeInTheDocument();
  });

  it("reads in Arabic", async () => {
    addSaudiCars();
    const { user } = renderApp("/sa/insights", { user: buyer });
    await screen.findByRole("region", { name: "Countries side by side" });
    await user.click(screen.getByRole("button", { name: "العربية" }));
    const section = await screen.findByRole("region", { name: "الدول جنبًا إلى جنب" });
    const table = await within(section).findByRole("table");
    expect(within(table).getByRole("columnheader", { name: "السعودية" })).toBeInTheDocument();
    const median = within(table).getByRole("row", { name: /السعر الوسيط المطلوب/ });
    expect(within(median).getAllByRole("cell")[1].textContent).toMatch(/85,000\.50 ر\.س/);
  });
});
