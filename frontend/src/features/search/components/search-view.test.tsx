import { screen, waitFor, within } from "@testing-library/react";
import { onTestFinished } from "vitest";
import { expectNoSeriousA11yViolations } from "@/testing/axe";
import { buyer, makeListing } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { suggestionParams } from "@/features/search/components/search-box";
import type { Suggestion } from "@/features/search/types/search";
import { renderApp, searchOf } from "@/testing/test-utils";

describe("search page", () => {
  it("shows results with price, year, mileage and spec badges, and announces the count", async () => {
    renderApp("/search");
    expect(await screen.findByText("2021 Toyota Land Cruiser GXR")).toBeInTheDocument();
    expect(screen.getAllByText("BHD 18,500.000")[0]).toBeInTheDocument();
    expect(await screen.findByText("BHD 21,900.500")).toBeInTheDocument(); // a later card: drawn a task or two after the first
    expect(screen.getAllByText("GCC").length).toBeGreaterThan(0);
    const count = screen.getByText("5 cars");
    expect(count).toHaveAttribute("aria-live", "polite");
  });

  it("prices Bahraini cards in a Saudi buyer's riyals too, and asks for none in Saudi Arabia's own search", async () => {
    state.rates.set("SAR>BHD", "0.1");
    const saudi = { ...buyer, country: "sa" as const };
    const { unmount } = renderApp("/bh/search", { user: saudi });
    const card = (await screen.findByText("2019 Toyota Camry")).closest("article")!;
    expect(within(card as HTMLElement).getByText("≈ SAR 62,000")).toBeInTheDocument();
    const asked = (country: string) =>
      state.requests.filter((request) => request.url.includes("/search/listings") && request.url.includes(`country=${country}`));
    // Asked once the profile is known, so never first without it (a search counts once).
    expect(asked("bh").map((request) => new URL(request.url).searchParams.get("display_currency"))).toEqual(["SAR"]);
    unmount();
    renderApp("/sa/search", { user: saudi });
    await waitFor(() => expect(asked("sa").length).toBeGreaterThan(0));
    expect(asked("sa").every((request) => !new URL(request.url).searchParams.has("display_currency"))).toBe(true);
  });

  it("ticking a make facet puts it in the URL and narrows the results", async () => {
    const { user, router } = renderApp("/search");
    const makes = await screen.findByRole("group", { name: "Make" });
    await user.click(within(makes).getByRole("checkbox", { name: /Nissan/ }));
    await waitFor(() => expect(searchOf(router).getAll("make")).toEqual(["nissan"]));
    expect(await screen.findByText("2 cars")).toBeInTheDocument();
    expect(screen.queryByText("2021 Toyota Land Cruiser GXR")).not.toBeInTheDocument();
  });

  it("on a phone draws the filters when their drawer first opens, and they work there", async () => {
    vi.stubGlobal("matchMedia", (query: string) => ({ matches: query === "(max-width: 900px)", addEventListener() {}, removeEventListener() {} }));
    onTestFinished(() => {
      vi.unstubAllGlobals();
    });
    const { user, router } = renderApp("/search");
    expect(await screen.findByText("2021 Toyota Land Cruiser GXR")).toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Make" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Filters" }));
    const makes = await screen.findByRole("group", { name: "Make" });
    await user.click(within(makes).getByRole("checkbox", { name: /Nissan/ }));
    await waitFor(() => expect(searchOf(router).getAll("make")).toEqual(["nissan"]));
  });

  it("repeats a parameter for several values of one field (OR within a field)", async () => {
    const { user, router } = renderApp("/search?make=nissan");
    const makes = await screen.findByRole("group", { name: "Make" });
    await user.click(within(makes).getByRole("checkbox", { name: /Toyota/ }));
    await waitFor(() => expect(searchOf(router).getAll("make")).toEqual(["nissan", "toyota"]));
    expect(await screen.findByText("4 cars")).toBeInTheDocument();
  });

  it("shows the models of a ticked make under it, and unticking the make drops its models", async () => {
    const { user, router } = renderApp("/search?make=toyota&model=camry");
    const models = await screen.findByRole("group", { name: "Toyota models" });
    expect(within(models).getByRole("checkbox", { name: /Camry/ })).toBeChecked();
    const makes = screen.getByRole("group", { name: "Make" });
    await user.click(within(makes).getByRole("checkbox", { name: /Toyota/ }));
    await waitFor(() => expect(searchOf(router).toString()).toBe(""));
  });

  it("shows one chip per filter; removing a chip removes only that filter", async () => {
    const { user, router } = renderApp("/search?make=toyota&make=nissan&price_max=20000");
    const chips = await screen.findByRole("region", { name: "Active filters" });
    expect(within(chips).getByText("Make: Toyota")).toBeInTheDocument();
    expect(within(chips).getByText("Price: up to BHD 20,000.000")).toBeInTheDocument();
    await user.click(within(chips).getByRole("button", { name: "Remove filter Make: Toyota" }));
    await waitFor(() => expect(searchOf(router).toString()).toBe("make=nissan&price_max=20000"));
    await user.click(within(chips).getByRole("button", { name: "Remove filter Price: up to BHD 20,000.000" }));
    await waitFor(() => expect(searchOf(router).toString()).toBe("make=nissan"));
  });

  it("price bounds typed in the boxes go to the URL as price_min/price_max", async () => {
    const { user, router } = renderApp("/search");
    const price = await screen.findByRole("group", { name: /Price/ });
    const [from, to] = within(price).getAllByRole("textbox");
    await user.type(from, "5000");
    await user.type(to, "20000{Enter}");
    await waitFor(() => expect(searchOf(router).get("price_min")).toBe("5000"));
    expect(searchOf(router).get("price_max")).toBe("20000");
    expect(await screen.findByText("2 cars")).toBeInTheDocument();
  });

  it("price bounds typed in Arabic digits and separators are the same bounds", async () => {
    const { user, router } = renderApp("/search");
    const price = await screen.findByRole("group", { name: /Price/ });
    const [from, to] = within(price).getAllByRole("textbox");
    await user.type(from, "٥٬٠٠٠");
    expect(from).toHaveValue("5,000");
    await user.type(to, "۲۰۰۰۰{Enter}");
    await waitFor(() => expect(searchOf(router).get("price_min")).toBe("5000"));
    expect(searchOf(router).get("price_max")).toBe("20000");
  });

  it("range sliders follow the min and max of the current results", async () => {
    const { user } = renderApp("/search");
    const price = await screen.findByRole("group", { name: /Price/ });
    const from = within(price).getByRole("slider", { name: "Price: From" });
    expect(from).toHaveAttribute("min", "3900");
    expect(from).toHaveAttribute("max", "26000");
    await user.click(within(screen.getByRole("group", { name: "Make" })).getByRole("checkbox", { name: /Nissan/ }));
    await waitFor(() => expect(within(price).getByRole("slider", { name: "Price: From" })).toHaveAttribute("max", "21900"));
    expect(within(price).getByRole("textbox", { name: "To" })).toHaveAttribute("placeholder", "21900");
  });

  it("steps the price slider in the country's currency: 100 dinars in Bahrain, 1,000 riyals in Saudi Arabia", async () => {
    state.listings.push(
      makeListing({ id: 61, country: "sa", currency: "SAR", region: "riyadh", price: "84250.50" }),
      makeListing({ id: 62, country: "sa", currency: "SAR", region: "riyadh", price: "120100.00" }),
    );
    const slider = async () => within(await screen.findByRole("group", { name: /Price/ })).getByRole("slider", { name: "Price: From" });
    const { unmount } = renderApp("/bh/search");
    await waitFor(async () => expect(await slider()).toHaveAttribute("step", "100"));
    unmount();
    renderApp("/sa/search");
    await waitFor(async () => expect(await slider()).toHaveAttribute("step", "1000"));
    expect(await slider()).toHaveAttribute("min", "84000");
    expect(await slider()).toHaveAttribute("max", "121000");
  });

  it("keeps sort and page in the URL, and a new filter goes back to page 1", async () => {
    const { user, router } = renderApp("/search?page=2&page_size=2");
    expect(await screen.findByRole("link", { name: "Page 2" })).toHaveAttribute("aria-current", "page");
    await user.selectOptions(screen.getByLabelText("Sort by"), "price_asc");
    await waitFor(() => expect(searchOf(router).get("sort")).toBe("price_asc"));
    expect(searchOf(router).get("page")).toBeNull();
    await user.click(screen.getByRole("link", { name: "Page 3" }));
    await waitFor(() => expect(searchOf(router).get("page")).toBe("3"));
    expect(await screen.findByText("2020 Lexus LX")).toBeInTheDocument();
  });

  it("says so when nothing matches, with a way back", async () => {
    const { user, router } = renderApp("/search?make=lexus&price_max=1000");
    expect(await screen.findByRole("heading", { name: "No cars match your search" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Clear all filters" }));
    await waitFor(() => expect(searchOf(router).toString()).toBe(""));
  });

  it("says when the results are for similar spellings of a misspelt search", async () => {
    renderApp("/search?q=land%20cruzer");
    expect(await screen.findByRole("heading", { level: 2, name: "2021 Toyota Land Cruiser GXR" })).toBeInTheDocument();
    expect(screen.getByText((_, element) => element?.className === "results-typo" && element.textContent === "Showing results for similar spellings of “land cruzer”.")).toHaveAttribute(
      "role",
      "status",
    );
  });

  it("says nothing of spellings when the text matched as typed", async () => {
    const { settle } = renderApp("/search?q=camry");
    expect(await screen.findByRole("heading", { level: 2, name: "2019 Toyota Camry" })).toBeInTheDocument();
    await settle();
    expect(screen.queryByText(/similar spellings/)).not.toBeInTheDocument();
  });

  it("says it in Arabic too", async () => {
    const { user } = renderApp("/search?q=patrl");
    await screen.findByText(/similar spellings/);
    await user.click(screen.getByRole("button", { name: "العربية" }));
    expect(await screen.findByText((_, element) => element?.className === "results-typo" && element.textContent === "نعرض نتائج لكلمات قريبة في التهجئة من «patrl».")).toBeInTheDocument();
  });

  it("shows a refused bound beside its field and keeps the filters and results working", async () => {
    const { user } = renderApp("/search?year_min=2030");
    const from = await screen.findByRole("textbox", { name: "From", description: "Must be a whole number between 1950 and 2027." });
    expect(from).toHaveAttribute("aria-invalid", "true");
    // Everything else works: the results and the other filters are there.
    expect(await screen.findByText("2021 Toyota Land Cruiser GXR")).toBeInTheDocument();
    const makes = screen.getByRole("group", { name: "Make" });
    await user.click(within(makes).getByRole("checkbox", { name: /Nissan/ }));
    expect(screen.queryByText(/check the highlighted fields/i)).not.toBeInTheDocument();
  });

  it("says how far results can be paged, with a way back to the first page", async () => {
    renderApp("/search?page=10001");
    expect(await screen.findByText(/Only the first 10,000 results can be paged through/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to the first page" })).toBeInTheDocument();
    expect(await screen.findByText("2021 Toyota Land Cruiser GXR")).toBeInTheDocument();
  });

  it("tells the person when search is down (503)", async () => {
    state.searchDown = true;
    renderApp("/search");
    expect(await screen.findByText("Search is temporarily unavailable", { selector: "strong" })).toBeInTheDocument();
  });

  it("has no serious accessibility violations", async () => {
    const { container, settle } = renderApp("/search?make=toyota");
    await screen.findByText("2 cars");
    await settle();
    await expectNoSeriousA11yViolations(container);
  });

  it("sends the URL's parameters to the API unchanged", async () => {
    renderApp("/search?make=toyota&body_type=suv&year_min=2020&sort=price_desc");
    await screen.findByText("1 car");
    const call = state.requests.find((request) => request.url.includes("/search/listings") && request.url.includes("body_type"));
    const sent = new URL(call!.url).searchParams;
    expect(sent.getAll("make")).toEqual(["toyota"]);
    expect(sent.get("year_min")).toBe("2020");
    expect(sent.get("sort")).toBe("price_desc");
  });
});

describe("search that understands the words", () => {
  it("shows a chip for each understood filter, and removing one takes its words out of the search", async () => {
    const { user, router } = renderApp("/search?q=nissan%20under%2020000");
    const chips = await screen.findByRole("region", { name: "Active filters" });
    expect(await within(chips).findByText("Price: up to BHD 20,000.000")).toBeInTheDocument();
    expect(within(chips).getByText("Make: Nissan")).toBeInTheDocument();
    expect(await screen.findByText("1 car")).toBeInTheDocument();
    expect(screen.getByText("2018 Nissan Altima")).toBeInTheDocument();
    await user.click(within(chips).getByRole("button", { name: "Remove filter Price: up to BHD 20,000.000" }));
    await waitFor(() => expect(searchOf(router).get("q")).toBe("nissan"));
  });

  it("keeps the words it did not understand as a chip of their own", async () => {
    const { user, router } = renderApp("/search?q=toyota%20gxr");
    const chips = await screen.findByRole("region", { name: "Active filters" });
    expect(await within(chips).findByText("“gxr”")).toBeInTheDocument();
    expect(within(chips).getByText("Make: Toyota")).toBeInTheDocument();
    await user.click(within(chips).getByRole("button", { name: "Remove filter “gxr”" }));
    await waitFor(() => expect(searchOf(router).get("q")).toBe("toyota"));
  });

  it("offers to search the words literally, and back", async () => {
    const { user, router } = renderApp("/search?q=nissan%20under%2020000");
    await user.click(await screen.findByRole("button", { name: "Search the words “nissan under 20000” literally" }));
    await waitFor(() => expect(searchOf(router).get("literal")).toBe("1"));
    expect(await screen.findByText("Searching the words as typed.")).toBeInTheDocument();
    const chips = screen.getByRole("region", { name: "Active filters" });
    expect(within(chips).getByText("“nissan under 20000”")).toBeInTheDocument();
    expect(within(chips).queryByText("Make: Nissan")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Understand them as filters" }));
    await waitFor(() => expect(searchOf(router).get("literal")).toBeNull());
  });

  it("a chip of a corrected search removes the corrected words", async () => {
    const { user, router } = renderApp("/search?q=camrry");
    const chips = await screen.findByRole("region", { name: "Active filters" });
    await user.click(await within(chips).findByRole("button", { name: "Remove filter Toyota Camry" }));
    await waitFor(() => expect(searchOf(router).get("q")).toBeNull());
  });

  it("says what a misspelt search was corrected to, in English and Arabic", async () => {
    const { user } = renderApp("/search?q=camrry");
    expect(
      await screen.findByText((_, element) => element?.className === "results-typo" && element.textContent === "Showing results for “camry”."),
    ).toHaveAttribute("role", "status");
    await user.click(screen.getByRole("button", { name: "العربية" }));
    expect(await screen.findByText((_, element) => element?.className === "results-typo" && element.textContent === "نعرض نتائج «camry».")).toBeInTheDocument();
  });

  it("never ends on an empty page: says what to relax and shows the nearest cars", async () => {
    const { user, router, container, settle } = renderApp("/search?q=patrol%20under%205000");
    expect(await screen.findByRole("heading", { name: "No cars match all of that" })).toBeInTheDocument();
    expect(screen.getByText((_, element) => element?.className === "muted" && element.textContent === "Without “under 5000” there is 1 car. The nearest cars are below.")).toBeInTheDocument();
    const nearest = screen.getByRole("region", { name: "Nearest cars" });
    expect(within(nearest).getByRole("heading", { name: "2022 Nissan Patrol" })).toBeInTheDocument();
    await settle();
    await expectNoSeriousA11yViolations(container);
    await user.click(screen.getByRole("button", { name: "Remove “under 5000”" }));
    await waitFor(() => expect(searchOf(router).get("q")).toBe("patrol"));
  });

  it("says it in Arabic when nothing matches", async () => {
    const { user } = renderApp("/search?q=patrol%20under%205000");
    await screen.findByRole("heading", { name: "No cars match all of that" });
    await user.click(screen.getByRole("button", { name: "العربية" }));
    expect(await screen.findByRole("heading", { name: "لا توجد سيارات تطابق كل ذلك" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "أزل «under 5000»" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "أقرب السيارات" })).toBeInTheDocument();
  });

  it("a picked suggestion runs the whole search it stands for", () => {
    const suggestion = (text: string, make: string, model: string | null): Suggestion => ({
      ...{ text, text_en: text, text_ar: text, make, model, count: 1 },
      params: { make: [make], ...(model ? { model: [model] } : {}) },
    });
    const params = suggestionParams({ ...suggestion("Toyota Camry under 5k", "toyota", "camry"), params: { make: ["toyota"], model: ["camry"], price_max: ["5000.000"] } });
    expect(params.toString()).toBe("make=toyota&model=camry&price_max=5000.000");
    expect(suggestionParams(suggestion("Nissan", "nissan", null)).toString()).toBe("make=nissan");
  });
});
