import {
  barePath,
  countryOfLanguages,
  countryOfPath,
  countryPath,
  homeCurrency,
  listingPath,
  preferredCountry,
  rememberCountry,
  savedSearchPath,
  switchedPath,
} from "@/lib/country";

describe("country URLs", () => {
  it("reads the country a path names, and the path without it", () => {
    expect(countryOfPath("/sa/search")).toBe("sa");
    expect(countryOfPath("/bh")).toBe("bh");
    expect(countryOfPath("/search")).toBeNull();
    expect(countryOfPath("/xx/search")).toBeNull();
    expect(barePath("/sa/listings/7")).toBe("/listings/7");
    expect(barePath("/sa")).toBe("/");
    expect(barePath("/sell")).toBe("/sell");
  });

  it("puts buyer pages under a country, keeping their query and leaving other pages alone", () => {
    expect(countryPath("sa", "/")).toBe("/sa");
    expect(countryPath("sa", "/search?make=toyota#top")).toBe("/sa/search?make=toyota#top");
    expect(countryPath("ae", "/bh/search?q=camry")).toBe("/ae/search?q=camry");
    expect(countryPath("sa", "/listings/7")).toBe("/sa/listings/7");
    expect(countryPath("sa", "/sell")).toBe("/sell");
    expect(countryPath("sa", "/account/favorites")).toBe("/account/favorites");
    expect(countryPath("sa", "/listings/7/edit")).toBe("/listings/7/edit");
    expect(listingPath({ id: 7, country: "qa" })).toBe("/qa/listings/7");
  });

  it("opens a saved search in the country its query names, Bahrain when it names none", () => {
    expect(savedSearchPath("country=sa&make=toyota")).toBe("/sa/search?make=toyota");
    expect(savedSearchPath("?make=toyota&price_max=9000")).toBe("/bh/search?make=toyota&price_max=9000");
    rememberCountry("ae");
    expect(savedSearchPath("make=nissan")).toBe("/bh/search?make=nissan");
  });

  it("switches a search to the same search in the other country, and a listing to that country's search", () => {
    expect(switchedPath("sa", "/bh/search", "?make=toyota")).toBe("/sa/search?make=toyota");
    expect(switchedPath("sa", "/bh", "")).toBe("/sa");
    expect(switchedPath("sa", "/bh/listings/7", "")).toBe("/sa/search");
    expect(switchedPath("sa", "/sell", "")).toBeNull();
  });
});

describe("the country a buyer starts in", () => {
  it("reads a browser language's region", () => {
    expect(countryOfLanguages(["ar-SA", "en"])).toBe("sa");
    expect(countryOfLanguages(["en-US", "en_AE"])).toBe("ae");
    expect(countryOfLanguages(["en-US", "ar"])).toBeNull();
  });

  it("takes the remembered one, then the profile's, then the browser's, then Bahrain", () => {
    expect(preferredCountry(null, ["en-US"])).toBe("bh");
    expect(preferredCountry(null, ["ar-KW"])).toBe("kw");
    expect(preferredCountry("om", ["ar-KW"])).toBe("om");
    expect(preferredCountry("nowhere", ["ar-KW"])).toBe("kw");
    rememberCountry("qa");
    expect(preferredCountry("om", ["ar-KW"])).toBe("qa");
    expect(localStorage.getItem("sayara.country")).toBe("qa");
  });
});

describe("the buyer's own currency", () => {
  it("is the profile country's, else the browser region's, else none; never the country browsed", () => {
    rememberCountry("bh");
    expect(homeCurrency("sa", ["en-AE"])).toBe("SAR");
    expect(homeCurrency(null, ["ar-AE", "en"])).toBe("AED");
    expect(homeCurrency(undefined, ["en-US"])).toBeNull();
  });
});
