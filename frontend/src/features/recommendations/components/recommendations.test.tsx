import { act, renderHook, screen, waitFor, within } from "@testing-library/react";
import { LONG_VIEW_MS, useEngagement } from "@/features/recommendations/hooks/use-engagement";
import { buyer, makePhoto } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { renderApp } from "@/testing/test-utils";

const sent = (method: string, path: string) => state.requests.filter((request) => request.method === method && request.url.includes(path));

describe("recommendations", () => {
  it("shows Recommended for you on the home page, each car with its reason", async () => {
    renderApp("/");
    const section = await screen.findByRole("region", { name: "Recommended for you" });
    const cards = within(section).getAllByRole("article");
    expect(cards).toHaveLength(3);
    expect(within(cards[0]).getByText(/^Because you looked at /)).toBeInTheDocument();
  });

  it("asks for the cars of the country browsed", async () => {
    renderApp("/sa");
    await screen.findByRole("region", { name: "Recommended for you" });
    const asked = new URL(sent("GET", "/me/recommendations")[0].url, "http://x");
    expect(asked.searchParams.get("country")).toBe("sa");
  });

  it("gives the reason in Arabic on the Arabic site", async () => {
    const { user } = renderApp("/");
    await screen.findByRole("region", { name: "Recommended for you" });
    await user.click(screen.getByRole("button", { name: "العربية" }));
    const section = await screen.findByRole("region", { name: "مقترحة لك" });
    expect(within(section).getAllByText(/^لأنك تصفحت سيارات /)).toHaveLength(3);
  });

  it("lets a visitor turn them off from the home page, at once", async () => {
    const { user } = renderApp("/");
    const section = await screen.findByRole("region", { name: "Recommended for you" });
    await user.click(within(section).getByRole("button", { name: "Manage" }));
    await user.click(await within(section).findByRole("checkbox", { name: "Recommend cars from what I do" }));
    await waitFor(() => expect(within(section).queryAllByRole("article")).toHaveLength(0));
    expect(sent("PUT", "/me/recommendations/settings")[0].body).toEqual({ enabled: false });
    expect(within(section).getAllByText("Recommendations are off: nothing you do is remembered for them.").length).toBeGreaterThan(0);
  });

  it("clears the history from the account page after a confirmation", async () => {
    const { user } = renderApp("/account/recommendations", { user: buyer });
    expect(await screen.findByText("3 things you did shape your recommendations.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Clear my history" }));
    const dialog = await screen.findByRole("dialog", { name: "Clear your history?" });
    await user.click(within(dialog).getByRole("button", { name: "Clear my history" }));
    expect(await screen.findByText("Your history is cleared. Recommendations start afresh.")).toBeInTheDocument();
    expect(sent("DELETE", "/me/recommendations/history")).toHaveLength(1);
    expect(await screen.findByText("0 things you did shape your recommendations.")).toBeInTheDocument();
  });

  it("shows Buyers who viewed this also viewed on a listing page and reports a photo swipe once", async () => {
    state.listings[0].photos.push(makePhoto(2, "/media/p/2"));
    const { user } = renderApp("/listings/1");
    const also = await screen.findByRole("region", { name: "Buyers who viewed this also viewed" });
    expect(within(also).getAllByRole("article").length).toBeGreaterThan(0);
    await user.click(screen.getByRole("button", { name: "Next photo" }));
    await user.click(screen.getByRole("button", { name: "Next photo" }));
    await waitFor(() => expect(sent("POST", "/listings/1/engagement")).toHaveLength(1));
    expect(sent("POST", "/listings/1/engagement")[0].body).toEqual({ kind: "photo_swipe" });
  });

  it("reports a long view only after the page stayed open a while", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      renderHook(() => useEngagement(7, true));
      await act(() => vi.advanceTimersByTimeAsync(LONG_VIEW_MS - 1000));
      expect(sent("POST", "/listings/7/engagement")).toHaveLength(0);
      await act(() => vi.advanceTimersByTimeAsync(1000));
      await waitFor(() => expect(sent("POST", "/listings/7/engagement")[0]?.body).toEqual({ kind: "long_view" }));
    } finally {
      vi.useRealTimers();
    }
  });
});
