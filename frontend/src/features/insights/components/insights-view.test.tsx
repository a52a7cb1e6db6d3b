import { http, HttpResponse } from "msw";
import { screen, waitFor, within } from "@testing-library/react";
import { buyer } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp, searchOf } from "@/testing/test-utils";

describe("market insights", () => {
  it("charts the median price by year and listings by make from the aggregate API", async () => {
    renderApp("/insights", { user: buyer });
    const byYear = await screen.findByRole("img", { name: /2018: BHD 3,900.000/ });
    expect(byYear).toHaveAccessibleName(/2022: BHD 21,900.500/);
    const byMake = screen.getByRole("region", { name: "Listings by make" });
    expect(await within(byMake).findByText("Toyota")).toBeInTheDocument();
    const bodies = state.requests.filter((request) => request.url.endsWith("/analytics/aggregate")).map((request) => request.body);
    expect(bodies).toContainEqual({ filters: { country: "bh" }, group_by: ["year"], metrics: ["count", "price_median", "mileage_median"] });
    expect(bodies).toContainEqual({ filters: { country: "bh" }, group_by: ["make"], metrics: ["count", "price_median", "mileage_median"] });
  });

  it("narrowing to a make groups by model and keeps the filter in the URL", async () => {
    const { user, router } = renderApp("/insights", { user: buyer });
    await screen.findByRole("option", { name: "Nissan" });
    await user.selectOptions(screen.getByLabelText("Make"), "nissan");
    await waitFor(() => expect(searchOf(router).get("make")).toBe("nissan"));
    expect(await screen.findByRole("heading", { name: "Nissan listings by model" })).toBeInTheDocument();
    expect(await screen.findByText("Patrol")).toBeInTheDocument();
  });

  it("downloads CSV with Accept: text/csv", async () => {
    let accept: string | null = null;
    server.use(
      http.post("*/api/v1/analytics/aggregate", ({ request }) => {
        accept = request.headers.get("Accept");
        return accept === "text/csv" ? new HttpResponse("year,count\n2021,1\n", { headers: { "Content-Type": "text/csv" } }) : HttpResponse.json({ columns: ["year", "count", "price_median"], rows: [[2021, 1, "18500.000"]] });
      }),
    );
    URL.createObjectURL = vi.fn(() => "blob:csv");
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    const { user } = renderApp("/insights", { user: buyer });
    const section = await screen.findByRole("region", { name: "Median price by year" });
    await user.click(within(section).getByRole("button", { name: "Download CSV" }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(accept).toBe("text/csv");
  });

  it("reads a year typed in Arabic-Indic digits", async () => {
    const { user, router } = renderApp("/insights", { user: buyer });
    const from = await screen.findByLabelText("Year from");
    await user.type(from, "٢٠١٨");
    expect(from).toHaveValue("2018");
    await user.tab();
    await waitFor(() => expect(searchOf(router).get("year_min")).toBe("2018"));
  });

  it("explains that insights are for analysts when the API says 403", async () => {
    server.use(http.post("*/api/v1/analytics/aggregate", () => HttpResponse.json({ detail: "Analysts only." }, { status: 403 })));
    renderApp("/insights", { user: buyer });
    expect(await screen.findByText("Market insights are for analyst accounts")).toBeInTheDocument();
  });
});
