import { numberText, toLatinDigits, wholeNumber } from "@/lib/numbers";

describe("numbers as people type them", () => {
  it.each([
    ["٢٠١٩", "2019"],
    ["۲۰۱۹", "2019"],
    ["٨٬٥٠٠٫٥", "8,500.5"],
    ["+٩٧٣ ٣٦٠٠", "+973 3600"],
    ["2019", "2019"],
  ])("shows %s as %s, one character for one", (typed, shown) => {
    expect(toLatinDigits(typed)).toBe(shown);
    expect(toLatinDigits(typed)).toHaveLength(typed.length);
  });

  it("reads a box's text as the API does", () => {
    expect(numberText("٢٣٬٥٠٠٫٥")).toBe("23500.5");
    expect(numberText(" 15,250.500 ")).toBe("15250.500");
    expect(wholeNumber("۶۴٬۰۰۰")).toBe(64000);
    expect(wholeNumber("")).toBeNull();
    expect(wholeNumber("twenty")).toBeNaN();
  });
});
