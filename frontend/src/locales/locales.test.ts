import ar from "@/locales/ar.json";
import en from "@/locales/en.json";

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [prefix + key] : keys(value, `${prefix}${key}.`)));
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, "");

describe("translations", () => {
  it("has an Arabic string for every English one", () => {
    const arabic = new Set(keys(ar as Tree).map(base));
    expect(keys(en as Tree).map(base).filter((key) => !arabic.has(key))).toEqual([]);
  });

  it("gives Arabic plurals every form Arabic needs", () => {
    const plurals = [...new Set(keys(ar as Tree).filter((key) => PLURAL.test(key)).map(base))];
    const all = new Set(keys(ar as Tree));
    for (const key of plurals) for (const form of ["zero", "one", "two", "few", "many", "other"]) expect(all.has(`${key}_${form}`), `${key}_${form}`).toBe(true);
  });

  it("writes Arabic in Arabic script", () => {
    const latinOnly = keys(ar as Tree).filter((key) => {
      const value = key.split(".").reduce<string | Tree>((node, part) => (node as Tree)[part], ar as Tree) as string;
      return /[A-Za-z]{4,}/.test(value.replace(/\{\{\w+\}\}/g, "")) && !/[\u0600-\u06FF]/.test(value);
    });
    expect(latinOnly).toEqual([]);
  });
});
