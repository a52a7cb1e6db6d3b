import { http, HttpResponse } from "msw";
import { screen, waitFor, within } from "@testing-library/react";
import { buyer } from "@/testing/mocks/db";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

const PHONE = { id: 7, name: "Huda's iPhone", created_at: "2026-11-02T09:00:00Z", expires_at: "2027-02-02T09:00:00Z", current: false };
const SCRIPT = { id: 9, name: "Dealer feed", created_at: "2026-10-01T09:00:00Z", expires_at: null, current: false };

function serveTokens(initial: (typeof PHONE | typeof SCRIPT)[], revoke: (id: number) => number = () => 204) {
  let tokens = [...initial];
  const revoked: number[] = [];
  server.use(
    http.get("*/api/v1/me/tokens", () => HttpResponse.json({ count: tokens.length, page: 1, page_size: 50, results: tokens })),
    http.delete("*/api/v1/me/tokens/:id", ({ params }) => {
      const id = Number(params.id);
      const status = revoke(id);
      if (status === 204) {
        revoked.push(id);
        tokens = tokens.filter((token) => token.id !== id);
        return new HttpResponse(null, { status });
      }
      return HttpResponse.json({ detail: "Something went wrong on our side." }, { status });
    }),
  );
  return revoked;
}

describe("apps and devices", () => {
  it("lists the signed-in apps and signs one out after a confirmation", async () => {
    const revoked = serveTokens([PHONE, SCRIPT]);
    const { user } = renderApp("/account/apps", { user: buyer });
    expect(await screen.findByText("Huda's iPhone")).toBeInTheDocument();
    expect(screen.getByText(/Signed in 2 Nov 2026 · signed out if unused until 2 Feb 2027/)).toBeInTheDocument();
    expect(screen.getByText("Dealer feed")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Sign out Huda's iPhone" }));
    const dialog = await screen.findByRole("dialog", { name: "Sign out Huda's iPhone?" });
    await user.click(within(dialog).getByRole("button", { name: "Sign out" }));

    expect(await screen.findByText("Huda's iPhone is signed out.")).toHaveFocus();
    await waitFor(() => expect(screen.queryByText("Huda's iPhone")).not.toBeInTheDocument());
    expect(screen.getByText("Dealer feed")).toBeInTheDocument();
    expect(revoked).toEqual([7]);
  });

  it("keeps the app and says why when signing out fails", async () => {
    serveTokens([PHONE], () => 500);
    const { user } = renderApp("/account/apps", { user: buyer });
    await user.click(await screen.findByRole("button", { name: "Sign out Huda's iPhone" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Sign out" }));
    expect(await within(dialog).findByRole("alert")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.getByText("Huda's iPhone")).toBeInTheDocument();
  });

  it("says when no app is signed in", async () => {
    serveTokens([]);
    renderApp("/account/apps", { user: buyer });
    expect(await screen.findByText("No apps are signed in")).toBeInTheDocument();
  });
});
