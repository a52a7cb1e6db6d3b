import { http, HttpResponse } from "msw";
import { screen, waitFor, within } from "@testing-library/react";
import { makeListing, seller } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

function ownRow(title: string) {
  return screen.findByRole("heading", { name: title }).then((heading) => heading.closest("li") as HTMLElement);
}

describe("my listings", () => {
  beforeEach(() => {
    state.listings.push(
      makeListing({ id: 50, title: "2017 Nissan Patrol draft", make: "nissan", model: "patrol", status: "draft" }),
      makeListing({ id: 51, title: "2015 Lexus LX expired", make: "lexus", model: "lx", status: "expired" }),
    );
  });

  it("lists the seller's listings with their status", async () => {
    renderApp("/me/listings", { user: seller });
    const draft = await ownRow("2017 Nissan Patrol draft");
    expect(within(draft).getByText("Draft")).toBeInTheDocument();
    expect(within(await ownRow("2015 Lexus LX expired")).getByText("Expired")).toBeInTheDocument();
    expect(within(await ownRow("2021 Toyota Land Cruiser GXR")).getByRole("link", { name: "Edit" })).toHaveAttribute("href", "/listings/1/edit");
  });

  it("marks a car sold with PATCH status sold, after confirming", async () => {
    const { user } = renderApp("/me/listings", { user: seller });
    const row = await ownRow("2021 Toyota Land Cruiser GXR");
    await user.click(within(row).getByRole("button", { name: "Mark as sold" }));
    const dialog = screen.getByRole("dialog", { name: "Mark this car as sold?" });
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Mark as sold" }));
    expect(await screen.findByText("Marked as sold. It no longer appears in search.")).toBeInTheDocument();
    expect(state.requests.find((request) => request.method === "PATCH" && new URL(request.url).pathname.endsWith("/listings/1"))?.body).toEqual({ status: "sold" });
    expect(within(await ownRow("2021 Toyota Land Cruiser GXR")).getByText("Sold")).toBeInTheDocument();
  });

  it("renews through POST /renew, falling back to PATCH active where the API has no renew action", async () => {
    server.use(http.post("*/api/v1/listings/:id/renew", () => HttpResponse.json({ detail: "Not found." }, { status: 404 })));
    const { user } = renderApp("/me/listings", { user: seller });
    await user.click(within(await ownRow("2015 Lexus LX expired")).getByRole("button", { name: "Renew" }));
    expect(await screen.findByText("Listing renewed.")).toBeInTheDocument();
    expect(state.requests.find((request) => request.method === "PATCH" && new URL(request.url).pathname.endsWith("/listings/51"))?.body).toEqual({ status: "active" });
  });

  it("publishes a draft", async () => {
    const { user } = renderApp("/me/listings", { user: seller });
    await user.click(within(await ownRow("2017 Nissan Patrol draft")).getByRole("button", { name: "Publish" }));
    expect(await screen.findByText("Listing published.")).toBeInTheDocument();
  });

  it("deletes after confirming, and Escape cancels", async () => {
    const { user } = renderApp("/me/listings", { user: seller });
    const row = await ownRow("2017 Nissan Patrol draft");
    await user.click(within(row).getByRole("button", { name: "Delete" }));
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await user.click(within(row).getByRole("button", { name: "Delete" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(screen.queryByRole("heading", { name: "2017 Nissan Patrol draft" })).not.toBeInTheDocument());
    expect(state.listings.some((listing) => listing.id === 50)).toBe(false);
  });
});
