import { http, HttpResponse } from "msw";
import { act, screen, waitFor, within } from "@testing-library/react";
import { expectNoSeriousA11yViolations } from "@/testing/axe";
import { buyer, seedListings } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp, searchOf } from "@/testing/test-utils";

const cards = () => screen.findAllByRole("article");
const cardOf = async (title: string) => (await screen.findByRole("heading", { level: 2, name: title })).closest("li") as HTMLElement;
const header = () => screen.getByRole("navigation", { name: "Main" });
const posted = () => state.requests.filter((request) => request.url.endsWith("/me/notifications/read")).map((request) => request.body);

describe("notifications", () => {
  it("shows each match as its listing card with the saved search it matched", async () => {
    renderApp("/account/notifications", { user: buyer });
    expect(await cards()).toHaveLength(3);
    const patrol = await cardOf("2022 Nissan Patrol");
    expect(within(patrol).getByText("New")).toBeInTheDocument();
    expect(within(patrol).getByText("BHD 21,900.500")).toBeInTheDocument();
    expect(within(patrol).getByRole("link", { name: "Matches “Nissan, up to 25000 BHD”" })).toHaveAttribute("href", "/bh/search?make=nissan&price_max=25000");
    const cruiser = await cardOf("2021 Toyota Land Cruiser GXR");
    expect(within(cruiser).queryByText("New")).not.toBeInTheDocument();
    expect(within(cruiser).queryByRole("button", { name: /^Mark as read/ })).not.toBeInTheDocument();
  });

  it("filters to unread ones through the URL", async () => {
    const { user, router } = renderApp("/account/notifications", { user: buyer });
    await cards();
    await user.click(screen.getByRole("button", { name: "Unread (2)" }));
    await waitFor(() => expect(searchOf(router).get("unread")).toBe("true"));
    expect(screen.getByRole("button", { name: "Unread (2)" })).toHaveAttribute("aria-pressed", "true");
    await waitFor(() => expect(screen.queryByRole("heading", { name: "2021 Toyota Land Cruiser GXR" })).not.toBeInTheDocument());
    expect(await cards()).toHaveLength(2);
    expect(state.requests.some((request) => new URL(request.url).searchParams.get("unread") === "true")).toBe(true);
  });

  it("marks one read, says so where focus goes, and lowers the header badge", async () => {
    const { user } = renderApp("/account/notifications", { user: buyer });
    expect(await within(header()).findByRole("img", { name: "2 unread notifications" })).toBeInTheDocument();
    const patrol = await cardOf("2022 Nissan Patrol");
    await user.click(within(patrol).getByRole("button", { name: "Mark as read: 2022 Nissan Patrol" }));
    const status = await screen.findByText("Notification marked as read.");
    expect(status).toHaveFocus();
    expect(posted()).toEqual([{ ids: [2] }]);
    await waitFor(() => expect(within(patrol).queryByText("New")).not.toBeInTheDocument());
    expect(await within(header()).findByRole("img", { name: "1 unread notification" })).toBeInTheDocument();
  });

  it("marks all read at once", async () => {
    const { user } = renderApp("/account/notifications?unread=true", { user: buyer });
    await cards();
    await user.click(screen.getByRole("button", { name: "Mark all as read" }));
    expect(await screen.findByText("All notifications marked as read.")).toHaveFocus();
    expect(posted()).toEqual([{ all: true }]);
    expect(await screen.findByRole("heading", { name: "You are all caught up" })).toBeInTheDocument();
    expect(within(header()).queryByRole("img", { name: /unread notification/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Mark all as read" })).not.toBeInTheDocument();
  });

  it("marks a notification read when its car is opened", async () => {
    const { user, router } = renderApp("/account/notifications", { user: buyer });
    await user.click(await screen.findByRole("heading", { level: 2, name: "2018 Nissan Altima" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/bh/listings/4"));
    await waitFor(() => expect(posted()).toEqual([{ ids: [3] }]));
  });

  it("pages through many notifications", async () => {
    const listing = seedListings()[1];
    state.notifications = Array.from({ length: 25 }, (_, index) => ({
      id: 100 + index,
      kind: "new_match" as const,
      saved_search: { id: 5, name: "Camrys", query: "make=toyota&model=camry" },
      listing: { ...listing, thumbnail_url: null, title: `Camry number ${index + 1}` },
      created_at: "2026-11-25T08:00:00+03:00",
      read_at: null,
    }));
    const { user } = renderApp("/account/notifications", { user: buyer });
    expect(await cards()).toHaveLength(20);
    await user.click(screen.getByRole("link", { name: "Page 2" }));
    expect(await screen.findByRole("heading", { name: "Camry number 21" })).toBeInTheDocument();
    expect(await cards()).toHaveLength(5);
  });

  it("has no serious accessibility violations", async () => {
    const { container, settle } = renderApp("/account/notifications", { user: buyer });
    await cards();
    await settle();
    await expectNoSeriousA11yViolations(container);
  });
});

describe("notification badge in the header", () => {
  it("is not asked for when nobody is signed in", async () => {
    renderApp("/", { user: null });
    await screen.findByRole("link", { name: "Sign in" });
    expect(state.requests.some((request) => request.url.includes("/me/notifications"))).toBe(false);
  });

  it("shows the visitor signed out where they are when a poll finds the session ended", async () => {
    server.use(http.get("*/api/v1/me/notifications/unread-count", () => HttpResponse.json({ detail: "Session expired." }, { status: 401 })));
    const { router } = renderApp("/search", { user: buyer });
    await waitFor(() => expect(localStorage.getItem("sayara.session")).toBeNull());
    expect(await screen.findByRole("link", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Fatima" })).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/bh/search");
  });

  it("links to the notifications and refreshes every minute and when the tab comes back", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      renderApp("/", { user: buyer });
      const link = await within(header()).findByRole("link", { name: /^Notifications/ });
      expect(link).toHaveAttribute("href", "/account/notifications");
      expect(await within(link).findByRole("img", { name: "2 unread notifications" })).toBeInTheDocument();
      const asked = () => state.requests.filter((request) => request.url.endsWith("/me/notifications/unread-count")).length;
      const before = asked();

      state.notifications = state.notifications.map((item) => ({ ...item, read_at: null }));
      await act(() => vi.advanceTimersByTimeAsync(60_000));
      expect(await within(link).findByRole("img", { name: "3 unread notifications" })).toBeInTheDocument();
      expect(asked()).toBe(before + 1);

      state.notifications = state.notifications.slice(1);
      await act(() => vi.advanceTimersByTimeAsync(20_000));
      act(() => {
        document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
      });
      expect(await within(link).findByRole("img", { name: "2 unread notifications" })).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });
});
