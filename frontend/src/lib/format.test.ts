import { currencySign, formatAmount, formatDate, formatApproxPrice, formatNumber, formatPrice, formatPriceRange, formatWholeDinars, roundDinars, wholeDinars } from "@/lib/format";

describe("formatPrice", () => {
  it("shows BHD with thousands separators and 3 decimals in English", () => {
    expect(formatPrice("8500.000", "en")).toBe("BHD 8,500.000");
    expect(formatPrice("900.5", "en")).toBe("BHD 900.500");
    expect(formatPrice("62000", "en")).toBe("BHD 62,000.000");
  });

  it("puts the Arabic dinar sign after the amount in Arabic", () => {
    expect(formatPrice("8500.000", "ar")).toBe("8,500.000 د.ب");
  });

  it("keeps every fils of amounts a float could not hold", () => {
    // 9007199254740993.125 is not representable as a double.
    expect(formatAmount("9007199254740993.125")).toBe("9,007,199,254,740,993.125");
    expect(formatAmount("0.001")).toBe("0.001");
    expect(formatAmount("000123.450")).toBe("123.450");
  });

  it("shows a dash for a missing price", () => {
    expect(formatPrice(null, "en")).toBe("—");
  });
});

describe("dates", () => {
  it("writes a day, day first, in both languages, with Latin digits", () => {
    expect(formatDate("2026-11-03T10:00:00", "en")).toBe("3 Nov 2026");
    expect(formatDate("2026-11-03T10:00:00", "ar")).toBe("3 نوفمبر 2026");
    expect(formatDate("2027-01-31T23:30:00", "ar")).toBe("31 يناير 2027");
    expect(formatDate("not a date", "en")).toBe("not a date");
  });
});

describe("numbers", () => {
  it("groups whole numbers in Latin digits in both languages", () => {
    expect(formatNumber(45000, "en")).toBe("45,000");
    expect(formatNumber(45000, "ar")).toBe("45,000");
    // As Intl.NumberFormat would, without building one on the first screen.
    for (const value of [0, 7, 999, 1000, 1234567, 2.5, 99999.6, -1234.5, -0.4, Number.NaN]) {
      for (const language of ["en", "ar"] as const) {
        const intl = new Intl.NumberFormat(language === "ar" ? "ar-BH-u-nu-latn" : "en-BH", { maximumFractionDigits: 0 });
        expect(formatNumber(value, language)).toBe(intl.format(value));
      }
    }
  });

  it("takes whole dinars from a money string for slider positions", () => {
    expect(wholeDinars("18500.999")).toBe(18500);
    expect(wholeDinars(null)).toBeNull();
  });
});

describe("estimates in whole dinars", () => {
  it("rounds half up on the decimal string", () => {
    expect(roundDinars("8233.499")).toBe("8233");
    expect(roundDinars("8233.500")).toBe("8234");
    expect(roundDinars("9999.5")).toBe("10000");
    expect(roundDinars("0.400")).toBe("0");
    expect(roundDinars("9007199254740993.700")).toBe("9007199254740994");
  });

  it("writes a range and a single amount in each language", () => {
    expect(formatPriceRange("8200.000", "9600.250", "en")).toBe("BHD 8,200–9,600");
    expect(formatPriceRange("8200.000", "9600.250", "ar")).toBe("8,200–9,600 د.ب");
    expect(formatWholeDinars("8899.600")).toBe("8,900");
  });
});

describe("prices in each country's currency", () => {
  it("writes each currency with its own decimals, its code first in English and its sign after in Arabic", () => {
    expect(formatPrice("85000.5", "en", "SAR")).toBe("SAR 85,000.50");
    expect(formatPrice("85000.5", "ar", "SAR")).toBe("85,000.50 ر.س");
    expect(formatPrice("120000", "en", "AED")).toBe("AED 120,000.00");
    expect(formatPrice("120000", "ar", "AED")).toBe("120,000.00 د.إ");
    expect(formatPrice("4500.25", "en", "KWD")).toBe("KWD 4,500.250");
    expect(formatPrice("4500.25", "ar", "KWD")).toBe("4,500.250 د.ك");
    expect(formatPrice("90000", "ar", "QAR")).toBe("90,000.00 ر.ق");
    expect(formatPrice("3200", "en", "OMR")).toBe("OMR 3,200.000");
    expect(formatPrice("3200", "ar", "OMR")).toBe("3,200.000 ر.ع");
  });

  it("keeps Bahraini dinars for an amount without a currency, or one it does not know", () => {
    expect(formatPrice("8500", "en")).toBe("BHD 8,500.000");
    expect(formatPrice("8500", "en", "XYZ")).toBe("BHD 8,500.000");
  });

  it("writes ranges and units in the currency", () => {
    expect(formatPriceRange("82000.00", "96000.40", "en", "SAR")).toBe("SAR 82,000–96,000");
    expect(formatPriceRange("82000.00", "96000.40", "ar", "SAR")).toBe("82,000–96,000 ر.س");
    expect(currencySign("AED", "en")).toBe("AED");
    expect(currencySign("AED", "ar")).toBe("د.إ");
    expect(formatAmount(1234.5, "SAR")).toBe("1,234.50");
  });
});

describe("formatApproxPrice", () => {
  it("writes a price in the buyer's currency in whole units, marked approximate, in both languages", () => {
    expect(formatApproxPrice("184507.97", "en", "SAR")).toBe("≈ SAR 184,508");
    expect(formatApproxPrice("184507.97", "ar", "SAR")).toBe("≈ 184,508 ر.س");
    expect(formatApproxPrice("8522.499", "en", "BHD")).toBe("≈ BHD 8,522");
  });
});
