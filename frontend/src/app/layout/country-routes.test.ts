import { openInCountry } from "@/app/layout/country-routes";

function opened(address: string): string {
  window.history.replaceState(null, "", address);
  openInCountry();
  return window.location.pathname + window.location.search + window.location.hash;
}

describe("openInCountry: a bare buyer address put in its country before the router starts", () => {
  afterEach(() => window.history.replaceState(null, "", "/"));

  it("opens in the named country, else the remembered one, when nobody is signed in here", () => {
    expect(opened("/search?make=toyota&country=sa#top")).toBe("/sa/search?make=toyota#top");
    expect(opened("/")).toBe("/bh");
    localStorage.setItem("sayara.country", "ae");
    expect(opened("/listings/7")).toBe("/ae/listings/7");
  });

  it("leaves other pages, country pages, and a signed-in buyer's bare address (their profile decides) alone", () => {
    expect(opened("/sell")).toBe("/sell");
    expect(opened("/qa/search?q=camry")).toBe("/qa/search?q=camry");
    localStorage.setItem("sayara.session", "1");
    expect(opened("/search?q=camry")).toBe("/search?q=camry");
    expect(opened("/search?country=kw")).toBe("/kw/search");
  });
});
