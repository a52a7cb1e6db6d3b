import { http, HttpResponse } from "msw";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { buyer } from "@/testing/mocks/db";
import { FakeXhr } from "@/testing/fake-xhr";
import { state } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { expectNoSeriousA11yViolations } from "@/testing/axe";
import { renderApp } from "@/testing/test-utils";

/** The make select, once the catalog has filled it. */
async function makeSelect() {
  await screen.findByRole("option", { name: "Nissan" });
  return screen.getByLabelText(/^Make/);
}

async function fillCar(user: ReturnType<typeof renderApp>["user"]) {
  await user.selectOptions(await makeSelect(), "nissan");
  await user.selectOptions(screen.getByLabelText(/^Model/), "patrol");
  await user.type(screen.getByLabelText(/^Year/), "2020");
  await user.type(screen.getByLabelText(/^Mileage/), "64000");
}

describe("sell form", () => {
  it("offers only the chosen make's models", async () => {
    const { user } = renderApp("/sell", { user: buyer });
    const make = await makeSelect();
    const model = screen.getByLabelText(/^Model/);
    expect(model).toBeDisabled();
    await user.selectOptions(make, "nissan");
    const options = Array.from((model as HTMLSelectElement).options).map((option) => option.textContent);
    expect(options).toEqual(["Choose a model", "Patrol", "Altima"]);
  });

  it("shows the API's 400 messages by the fields they belong to", async () => {
    const { user } = renderApp("/sell", { user: buyer });
    await user.selectOptions(await makeSelect(), "toyota");
    await user.type(screen.getByLabelText(/^Price/), "12.5.5");
    await user.click(screen.getByRole("button", { name: "Publish listing" }));

    const year = screen.getByLabelText(/^Year/);
    await waitFor(() => expect(year).toHaveAttribute("aria-invalid", "true"));
    expect(year).toHaveAccessibleDescription("Must be a whole number between 1950 and 2027.");
    expect(screen.getByLabelText(/^Model/)).toHaveAccessibleDescription(/This field is required\./);
    expect(screen.getByLabelText(/^Price/)).toHaveAccessibleDescription(/Enter a price in BHD with up to 3 decimals\./);
    // Focus goes to the first rejected field, not left on the button at the bottom.
    expect(screen.getByLabelText(/^Model/)).toHaveFocus();
  });

  it("publishes as active by default, keeping the price string as typed", async () => {
    const { user, router } = renderApp("/sell", { user: buyer });
    await fillCar(user);
    await user.type(screen.getByLabelText(/^Price/), "15,250.500");
    await user.click(screen.getByRole("button", { name: "Publish listing" }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/bh\/listings\/\d+$/));
    const created = state.requests.find((request) => request.method === "POST" && request.url.endsWith("/listings"));
    expect(created?.body).toMatchObject({ make: "nissan", model: "patrol", year: 2020, mileage_km: 64000, price: "15250.500", status: "active" });
    expect(await screen.findByText("Your car is listed. It appears in search within seconds.")).toBeInTheDocument();
  });

  it("reads year, mileage and price typed in Arabic-Indic and Persian digits, and never drops them", async () => {
    const { user, router } = renderApp("/sell", { user: buyer });
    await user.selectOptions(await makeSelect(), "nissan");
    await user.selectOptions(screen.getByLabelText(/^Model/), "patrol");
    const year = screen.getByLabelText(/^Year/);
    await user.type(year, "٢٠٢٠");
    // Shown as typed, in the Latin digits the rest of the app uses.
    expect(year).toHaveValue("2020");
    await user.type(screen.getByLabelText(/^Mileage/), "۶۴٬۰۰۰");
    await user.type(screen.getByLabelText(/^Price/), "١٥٬٢٥٠٫٥");
    await user.click(screen.getByRole("button", { name: "Publish listing" }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/bh\/listings\/\d+$/));
    const created = state.requests.find((request) => request.method === "POST" && request.url.endsWith("/listings"));
    expect(created?.body).toMatchObject({ year: 2020, mileage_km: 64000, price: "15250.5" });
  });

  it("saves a draft with the secondary button", async () => {
    const { user } = renderApp("/sell", { user: buyer });
    await fillCar(user);
    await user.type(screen.getByLabelText(/^Price/), "9000");
    await user.click(screen.getByRole("button", { name: "Save as draft" }));
    await waitFor(() => expect(state.requests.some((request) => request.method === "POST")).toBe(true));
    expect(state.requests.find((request) => request.method === "POST")?.body).toMatchObject({ status: "draft" });
  });

  it("uploads picked photos after creating the listing, showing progress", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const { user } = renderApp("/sell", { user: buyer });
    await fillCar(user);
    await user.type(screen.getByLabelText(/^Price/), "9000");
    const file = new File(["jpeg"], "front.jpg", { type: "image/jpeg" });
    await user.upload(screen.getByLabelText("Choose photos"), file);
    expect(screen.getByText("Uploads when you publish")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Publish listing" }));
    await waitFor(() => expect(FakeXhr.last?.url).toMatch(/\/api\/v1\/listings\/\d+\/photos$/));
    FakeXhr.last!.progress(40, 100);
    const bar = await screen.findByRole("progressbar", { name: "Uploading front.jpg" });
    await waitFor(() => expect(bar).toHaveAttribute("value", "40"));
    expect(screen.getByText("40%")).toBeInTheDocument();
    FakeXhr.last!.respond(201, { id: 77, url: "/media/77.jpg", thumbnail_url: "/media/77-t.jpg" });
    expect(await screen.findByText("Your car is listed. It appears in search within seconds.")).toBeInTheDocument();
    vi.unstubAllGlobals();
  });

  it("refuses files that are not JPEG, PNG or WebP before sending them", async () => {
    renderApp("/sell", { user: buyer });
    await makeSelect();
    fireEvent.change(screen.getByLabelText("Choose photos"), { target: { files: [new File(["gif"], "anim.gif", { type: "image/gif" })] } });
    expect(await screen.findByText("Only JPEG, PNG or WebP photos.")).toBeInTheDocument();
  });

  it("sends people who are not signed in to sign in first", async () => {
    const { router } = renderApp("/sell");
    await waitFor(() => expect(router.state.location.pathname).toBe("/sign-in"));
    expect(router.state.location.search).toBe("?next=%2Fsell");
  });

  it("has no serious accessibility violations", async () => {
    const { container, settle } = renderApp("/sell", { user: buyer });
    await screen.findByLabelText(/^Make/);
    await settle();
    await expectNoSeriousA11yViolations(container);
  });
});

describe("price suggestion", () => {
  const suggestions = () => state.requests.filter((request) => request.url.includes("/analytics/price-suggestion"));
  const price = () => screen.getByLabelText(/^Price/);

  it("shows what similar cars sell for under the price, once make, model and year are chosen", async () => {
    const { user } = renderApp("/sell", { user: buyer });
    await user.selectOptions(await makeSelect(), "nissan");
    await user.selectOptions(screen.getByLabelText(/^Model/), "patrol");
    expect(suggestions()).toHaveLength(0);
    await user.type(screen.getByLabelText(/^Year/), "2020");
    await waitFor(() => expect(price()).toHaveAccessibleDescription(/Similar cars sell for BHD 8,200–9,600 \(median 8,900\)\./));
    // Typing the year was one request, for the whole year, not one a keystroke.
    expect(suggestions().map((request) => Object.fromEntries(new URL(request.url).searchParams))).toEqual([{ country: "bh", make: "nissan", model: "patrol", year: "2020" }]);
    expect(screen.getByText("Similar cars sell for BHD 8,200–9,600 (median 8,900).").closest("[aria-live]")).toHaveAttribute("aria-live", "polite");
  });

  it("asks again with the mileage once it is typed", async () => {
    const { user } = renderApp("/sell", { user: buyer });
    await fillCar(user);
    await waitFor(() => expect(suggestions().at(-1)?.url).toContain("mileage_km=64000"));
    expect(suggestions().some((request) => /mileage_km=6(4|40|400)?(&|$)/.test(request.url))).toBe(false);
    expect(await screen.findByText("Similar cars sell for BHD 8,200–9,600 (median 8,900).")).toBeInTheDocument();
  });

  it("says nothing when there are too few comparable cars", async () => {
    const { user, settle } = renderApp("/sell", { user: buyer });
    await user.selectOptions(await makeSelect(), "lexus");
    await user.selectOptions(screen.getByLabelText(/^Model/), "lx");
    await user.type(screen.getByLabelText(/^Year/), "2021");
    await waitFor(() => expect(suggestions()).toHaveLength(1));
    await settle();
    expect(screen.queryByText(/Similar cars sell for/)).not.toBeInTheDocument();
    expect(price()).toHaveAccessibleDescription("In Bahraini dinars, up to 3 decimals.");
  });

  it("says nothing, and keeps the seller on the form, when the API fails", async () => {
    server.use(http.get("*/api/v1/analytics/price-suggestion", () => HttpResponse.json({ detail: "Session expired." }, { status: 401 })));
    const { user, router, settle } = renderApp("/sell", { user: buyer });
    await fillCar(user);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await settle();
    expect(router.state.location.pathname).toBe("/sell");
    expect(screen.queryByText(/Similar cars sell for/)).not.toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("hides a suggestion for another car while the new one is asked", async () => {
    const { user } = renderApp("/sell", { user: buyer });
    await fillCar(user);
    expect(await screen.findByText(/Similar cars sell for/)).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText(/^Model/), "altima");
    expect(screen.queryByText(/Similar cars sell for/)).not.toBeInTheDocument();
  });

  it("asks to confirm a price far from the market, and sends the confirmation", async () => {
    const posts: Record<string, unknown>[] = [];
    server.use(
      http.post("*/api/v1/listings", async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        posts.push(body);
        if (body.price_confirmed !== true)
          return HttpResponse.json(
            { detail: "This price is far from what similar cars sell for.", code: "price_unusual", price: ["far"], hold: true, floor: "3000.000", typical: null },
            { status: 400 },
          );
        return HttpResponse.json({ detail: "stop here" }, { status: 409 });
      }),
    );
    const { user } = renderApp("/sell", { user: buyer });
    await fillCar(user);
    await user.type(screen.getByLabelText(/^Price/), "1.500");
    await user.click(screen.getByRole("button", { name: "Publish listing" }));

    expect(await screen.findByText("Is this price right?")).toBeInTheDocument();
    expect(screen.getByText(/rarely sell below BHD 3,000/)).toBeInTheDocument();
    expect(screen.getByText(/our team reviews the listing/)).toBeInTheDocument();
    // The server's English field message is not shown as an error to fix.
    expect(screen.getByLabelText(/^Price/)).not.toHaveAttribute("aria-invalid", "true");

    await user.click(screen.getByLabelText(/Yes, the price BHD 1\.500 is right/));
    await user.click(screen.getByRole("button", { name: "Publish listing" }));
    await waitFor(() => expect(posts).toHaveLength(2));
    expect(posts[0]).not.toHaveProperty("price_confirmed");
    expect(posts[1]).toMatchObject({ price: "1.500", price_confirmed: true });
  });

  it("asks whether a car like one already on sale is another car, in English and in Arabic, and sends the answer", async () => {
    const posts: Record<string, unknown>[] = [];
    server.use(
      http.post("*/api/v1/listings", async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        posts.push(body);
        if (body.duplicate_confirmed !== true)
          return HttpResponse.json(
            {
              detail: "This looks like a car you already have on sale.",
              code: "listing_duplicate",
              non_field_errors: ["This looks like a car you already have on sale."],
              duplicates: [{ id: 3, title: "2022 Nissan Patrol", country: "sa" }],
            },
            { status: 400 },
          );
        return HttpResponse.json({ detail: "stop here" }, { status: 409 });
      }),
    );
    const { user } = renderApp("/sell", { user: buyer });
    await fillCar(user);
    await user.type(screen.getByLabelText(/^Price/), "8500");
    await user.click(screen.getByRole("button", { name: "Publish listing" }));

    expect(await screen.findByText("Is this another car?")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "2022 Nissan Patrol" })).toHaveAttribute("href", "/sa/listings/3");
    // A question, not an error: the server's English sentence is not shown.
    expect(screen.queryByText("This looks like a car you already have on sale.")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "العربية" }));
    expect(await screen.findByText("هل هذه سيارة أخرى؟")).toBeInTheDocument();
    await user.click(screen.getByLabelText("نعم، هذه سيارة أخرى: انشرها أيضًا"));
    await user.click(screen.getByRole("button", { name: "انشر الإعلان" }));
    await waitFor(() => expect(posts).toHaveLength(2));
    expect(posts[0]).not.toHaveProperty("duplicate_confirmed");
    expect(posts[1]).toMatchObject({ price: "8500", duplicate_confirmed: true });
  });
});
