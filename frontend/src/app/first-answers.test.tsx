import { renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { AppProvider } from "@/app/provider";
import { firstAnswer, resetFirstAnswers } from "@/lib/api-client";
import { useEnums } from "@/lib/catalog/get-enums";
import { state } from "@/testing/mocks/handlers";

const SENT_ENUMS = { body_type: [{ value: "suv", label_en: "SUV", label_ar: "سيارة رياضية متعددة الاستخدامات" }] };

/** The data block web/first_load.py puts in the page's HTML. */
function pageWithFirstAnswers(text: string): void {
  const block = document.createElement("script");
  block.type = "application/json";
  block.id = "first-answers";
  block.textContent = text;
  document.body.append(block);
  resetFirstAnswers();
}

afterEach(() => {
  document.getElementById("first-answers")?.remove();
  resetFirstAnswers();
});

describe("first answers", () => {
  it("give the first render the catalog the server sent, without asking the API", () => {
    pageWithFirstAnswers(JSON.stringify({ "/api/v1/catalog/enums": SENT_ENUMS }));

    const { result } = renderHook(() => useEnums(), { wrapper: ({ children }: { children: ReactNode }) => <AppProvider>{children}</AppProvider> });

    expect(result.current.data).toEqual(SENT_ENUMS);
    expect(state.requests.some((request) => request.url.endsWith("/catalog/enums"))).toBe(false);
  });

  it("are used once", () => {
    pageWithFirstAnswers(JSON.stringify({ "/api/v1/catalog/makes": [] }));

    expect(firstAnswer("/catalog/makes")).toEqual([]);
    expect(firstAnswer("/catalog/makes")).toBeUndefined();
  });

  it("cost only the round trip when the block is broken or missing", async () => {
    pageWithFirstAnswers("{not json");
    expect(firstAnswer("/catalog/enums")).toBeUndefined();

    document.getElementById("first-answers")?.remove();
    resetFirstAnswers();
    const { result } = renderHook(() => useEnums(), { wrapper: ({ children }: { children: ReactNode }) => <AppProvider>{children}</AppProvider> });
    expect(result.current.isPending).toBe(true);
    await waitFor(() => expect(result.current.data?.body_type?.length).toBeGreaterThan(0));
  });
});
