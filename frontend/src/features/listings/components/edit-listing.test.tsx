import { screen, waitFor, within } from "@testing-library/react";
import { FakeXhr } from "@/testing/fake-xhr";
import { buyer, seller } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { renderApp } from "@/testing/test-utils";

describe("edit listing", () => {
  it("fills the form from the listing and sends only what changed", async () => {
    const { user, router } = renderApp("/listings/1/edit", { user: seller });
    const price = await screen.findByLabelText(/^Price/);
    expect(price).toHaveValue("18500.000");
    await screen.findByRole("option", { name: "Land Cruiser" });
    expect(screen.getByLabelText(/^Model/)).toHaveValue("land-cruiser");
    await user.clear(price);
    await user.type(price, "17900");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/bh/listings/1"));
    expect(state.requests.find((request) => request.method === "PATCH")?.body).toEqual({ price: "17900" });
    expect(await screen.findByText("Changes saved.")).toBeInTheDocument();
  });

  it("shows the new price's approximation in the seller's currency right after the edit", async () => {
    state.rates.set("BHD>SAR", "9.973404");
    const { user, router } = renderApp("/listings/1/edit", { user: { ...seller, country: "sa" } });
    const price = await screen.findByLabelText(/^Price/);
    await user.clear(price);
    await user.type(price, "17900");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/bh/listings/1"));

    expect(await screen.findByText("≈ SAR 178,524", { selector: ".price-approx" })).toBeInTheDocument();
    expect(screen.queryByText("≈ SAR 184,508")).not.toBeInTheDocument();
    const patch = state.requests.find((request) => request.method === "PATCH");
    expect(new URL(patch!.url).searchParams.get("display_currency")).toBe("SAR");
  });

  it("uploads a photo as soon as it is picked, with progress, and removes photos", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const { user } = renderApp("/listings/1/edit", { user: seller });
    const photos = await screen.findByRole("list", { name: "Photos" });
    expect(within(photos).getAllByRole("img")).toHaveLength(1);

    await user.upload(screen.getByLabelText("Choose photos"), new File(["png"], "side.png", { type: "image/png" }));
    await waitFor(() => expect(FakeXhr.last?.url).toBe("/api/v1/listings/1/photos"));
    FakeXhr.last!.progress(1, 2);
    expect(await screen.findByText("50%")).toBeInTheDocument();
    FakeXhr.last!.respond(201, { id: 2, url: "/media/2.png", thumbnail_url: "/media/2-t.png" });
    await waitFor(() => expect(within(photos).getAllByRole("img")).toHaveLength(2));
    vi.unstubAllGlobals();

    await user.click(screen.getByRole("button", { name: "Remove photo 1" }));
    await waitFor(() => expect(within(photos).getAllByRole("img")).toHaveLength(1));
  });

  it("does not offer someone else's listing for editing", async () => {
    renderApp("/listings/1/edit", { user: buyer });
    expect(await screen.findByRole("heading", { name: "You do not have access to this." })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Save changes" })).not.toBeInTheDocument();
  });
});
