import { screen, waitFor, within } from "@testing-library/react";
import { buyer, makeListing } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { renderApp } from "@/testing/test-utils";

/** Two Saudi cars beside the five Bahraini ones the mock API starts with. */
function seedSaudiCars() {
  state.listings.push(
    makeListing({ id: 61, title: "2022 Toyota Camry", model: "camry", year: 2022, country: "sa", currency: "SAR", price: "85000.50", region: "riyadh" }),
    makeListing({ id: 62, title: "2021 Nissan Patrol", make: "nissan", model: "patrol", country: "sa", currency: "SAR", price: "190000.00", region: "eastern" }),
  );
}

const searchesOf = (country: string) =>
  state.requests.filter((request) => request.url.includes("/search/listings") && new URL(request.url).searchParams.get("country") === country);

describe("country", () => {
  it("switches the search from Bahrain to Saudi Arabia: its URL, cars, places and currency, remembered", async () => {
    seedSaudiCars();
    const { user, router } = renderApp("/bh/search");
    expect(await screen.findByText("5 cars")).toBeInTheDocument();
    expect(within(screen.getByRole("group", { name: "Governorate" })).getByRole("checkbox", { name: /Capital/ })).toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: "Country" }), "Saudi Arabia");
    await waitFor(() => expect(router.state.location.pathname).toBe("/sa/search"));
    expect(await screen.findByText("2 cars")).toBeInTheDocument();
    expect(screen.getAllByText("SAR 85,000.50").length).toBeGreaterThan(0);
    const places = screen.getByRole("group", { name: "Province" });
    expect(within(places).getByRole("checkbox", { name: /Riyadh/ })).toBeInTheDocument();
    expect(within(places).queryByRole("checkbox", { name: /Capital/ })).not.toBeInTheDocument();
    expect(searchesOf("sa").length).toBeGreaterThan(0);
    expect(localStorage.getItem("sayara.country")).toBe("sa");
  });

  it("names the countries and writes prices in Arabic", async () => {
    seedSaudiCars();
    const { user, router } = renderApp("/sa/search");
    await screen.findByText("2 cars");
    await user.click(screen.getByRole("button", { name: "العربية" }));
    expect((await screen.findAllByText("85,000.50 ر.س")).length).toBeGreaterThan(0);
    const switcher = screen.getByRole("combobox", { name: "الدولة" });
    expect(within(switcher).getByRole("option", { name: "البحرين" })).toBeInTheDocument();
    await user.selectOptions(switcher, "البحرين");
    await waitFor(() => expect(router.state.location.pathname).toBe("/bh/search"));
    expect((await screen.findAllByText("18,500.000 د.ب")).length).toBeGreaterThan(0);
  });

  it("keeps the filters of a search across the switch, and sends a listing's page to the new country's search", async () => {
    seedSaudiCars();
    const { user, router } = renderApp("/bh/search?make=nissan");
    await screen.findByText("2 cars");
    await user.selectOptions(screen.getByRole("combobox", { name: "Country" }), "sa");
    await waitFor(() => expect(router.state.location.pathname + router.state.location.search).toBe("/sa/search?make=nissan"));
    expect(await screen.findByText("1 car")).toBeInTheDocument();
    await router.navigate("/sa/listings/61");
    await screen.findByRole("heading", { level: 1, name: "2022 Toyota Camry" });
    await user.selectOptions(screen.getByRole("combobox", { name: "Country" }), "ae");
    await waitFor(() => expect(router.state.location.pathname).toBe("/ae/search"));
    expect(await screen.findByRole("heading", { name: "No cars listed in United Arab Emirates yet" })).toBeInTheDocument();
  });

  it("opens the bare URLs of before countries: in the country a link names, else the buyer's", async () => {
    const bare = renderApp("/search?make=toyota");
    await waitFor(() => expect(bare.router.state.location.pathname + bare.router.state.location.search).toBe("/bh/search?make=toyota"));
    expect(await screen.findByText("2 cars")).toBeInTheDocument();
    bare.unmount();

    seedSaudiCars();
    const named = renderApp("/search?country=sa&make=toyota");
    await waitFor(() => expect(named.router.state.location.pathname + named.router.state.location.search).toBe("/sa/search?make=toyota"));
    named.unmount();

    const home = renderApp("/");
    await waitFor(() => expect(home.router.state.location.pathname).toBe("/sa"));
    expect(await screen.findByRole("heading", { level: 1, name: "Find your next car in Saudi Arabia" })).toBeInTheDocument();
  });

  it("moves a listing to its own country's URL, and opens a bare listing URL", async () => {
    seedSaudiCars();
    const { router } = renderApp("/listings/61");
    await waitFor(() => expect(router.state.location.pathname).toBe("/sa/listings/61"));
    expect(await screen.findByRole("heading", { level: 1, name: "2022 Toyota Camry" })).toBeInTheDocument();
    expect(screen.getAllByText("SAR 85,000.50").length).toBeGreaterThan(0);
  });

  it("starts a signed-in buyer in their profile's country, and a visitor in their browser's", async () => {
    const signedIn = renderApp("/", { user: { ...buyer, country: "kw" } });
    await waitFor(() => expect(signedIn.router.state.location.pathname).toBe("/kw"));
    signedIn.unmount();
    localStorage.clear();
    state.user = null;
    const languages = vi.spyOn(navigator, "languages", "get").mockReturnValue(["ar-QA", "ar"]);
    const visitor = renderApp("/");
    await waitFor(() => expect(visitor.router.state.location.pathname).toBe("/qa"));
    languages.mockRestore();
  });

  it("says a country Sayara does not serve is not found", async () => {
    renderApp("/xx/search");
    expect(await screen.findByText("Page not found")).toBeInTheDocument();
  });

  it("sells in the country the seller is in, with its regions and its currency's decimals", async () => {
    localStorage.setItem("sayara.country", "sa");
    const { user } = renderApp("/sell", { user: buyer });
    const region = await screen.findByRole("combobox", { name: /^Province/ });
    const form = within(region.closest("form")!);
    const country = form.getByRole("combobox", { name: /^Country/ });
    expect(country).toHaveValue("sa");
    expect(form.getByLabelText(/^Price \(SAR\)/)).toHaveAttribute("placeholder", "8500.00");
    expect(await within(region).findByRole("option", { name: "Riyadh" })).toBeInTheDocument();
    expect(within(region).queryByRole("option", { name: "Capital" })).not.toBeInTheDocument();
    expect(screen.getByLabelText(/^Price/)).toHaveAccessibleDescription("In Saudi riyals, up to 2 decimals.");
    await user.selectOptions(region, "riyadh");
    await user.selectOptions(country, "bh");
    expect(form.getByRole("combobox", { name: /^Governorate/ })).toHaveValue("");
    expect(screen.getByLabelText(/^Price/)).toHaveAccessibleDescription("In Bahraini dinars, up to 3 decimals.");
  });
});
