import { i18n } from "@/i18n";
import { ar } from "@/i18n/ar";
import { en } from "@/i18n/en";

/** Every key of `strings` that ends in `_other`, with its path ("search.count"). */
function counted(strings: object, path = ""): string[] {
  return Object.entries(strings).flatMap(([key, value]) => (typeof value === "object" ? counted(value, `${path}${key}.`) : key.endsWith("_other") ? [`${path}${key.slice(0, -"_other".length)}`] : []));
}

const arabic = i18n.getFixedT("ar");

test("Arabic counts read as Arabic in every form, never falling back to English", () => {
  expect([0, 1, 2, 5, 24, 100].map((count) => arabic("search.count", { count, formatted: String(count) }))).toEqual(["لا سيارات", "1 سيارة", "سيارتان", "5 سيارات", "24 سيارة", "100 سيارة"]);
  expect(arabic("listing.daysListed", { count: 2 })).toBe("معروضة منذ يومين");
  const english = i18n.getFixedT("en");
  for (const key of counted(en)) {
    for (const count of [0, 1, 2, 3, 11, 100]) expect(arabic(key, { count, formatted: String(count), words: "x" })).not.toBe(english(key, { count, formatted: String(count), words: "x" }));
  }
  expect(counted(ar)).toEqual(counted(en));
});
