import { http, HttpResponse } from "msw";
import { screen, waitFor } from "@testing-library/react";
import { buyer } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

describe("account", () => {
  it("saves the profile and shows a phone error by the phone field", async () => {
    const { user } = renderApp("/account", { user: { ...buyer } });
    const phone = await screen.findByLabelText("Mobile number (optional)");
    await user.clear(phone);
    await user.type(phone, "12345");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(phone).toHaveAccessibleDescription(/Enter \+973 followed by 8 digits\./));
    expect(phone).toHaveFocus();
    await user.clear(phone);
    await user.type(phone, "+973 3999 0000");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Profile saved.")).toBeInTheDocument();
    expect(state.requests.filter((request) => request.method === "PATCH").at(-1)?.body).toMatchObject({ phone: "+97339990000" });
  });

  it("moves the account to another country, and the phone hint follows it", async () => {
    const { user } = renderApp("/account", { user: { ...buyer } });
    const phone = await screen.findByLabelText("Mobile number (optional)");
    await waitFor(() => expect(phone).toHaveAccessibleDescription(/A mobile number in Bahrain: 8 digits, with or without \+973\./));
    await user.selectOptions(screen.getByLabelText("Your country"), "sa");
    expect(phone).toHaveAccessibleDescription(/A mobile number in Saudi Arabia: 9 digits, with or without \+966\./);
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Profile saved.")).toBeInTheDocument();
    expect(state.requests.filter((request) => request.method === "PATCH").at(-1)?.body).toMatchObject({ country: "sa" });
  });

  it("changes the password and shows the API's message for a wrong current password", async () => {
    server.use(
      http.post("*/api/v1/me/password", async ({ request }) => {
        const body = (await request.json()) as { current_password: string };
        return body.current_password === "right"
          ? new HttpResponse(null, { status: 204 })
          : HttpResponse.json({ current_password: ["Your current password is not correct."] }, { status: 400 });
      }),
    );
    const { user } = renderApp("/account/password", { user: buyer });
    await user.type(await screen.findByLabelText(/^Current password/), "wrong");
    await user.type(screen.getByLabelText(/^New password/), "a-better-one-2026");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("Your current password is not correct.")).toBeInTheDocument();
    await user.clear(screen.getByLabelText(/^Current password/));
    await user.type(screen.getByLabelText(/^Current password/), "right");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("Password changed.")).toBeInTheDocument();
  });

  it("lists saved searches as links back to the search", async () => {
    renderApp("/account/saved-searches", { user: buyer });
    expect(await screen.findByRole("link", { name: "Toyota SUVs" })).toHaveAttribute("href", "/bh/search?make=toyota&body_type=suv");
  });

  it("chooses a daily digest and no price-drop e-mails beside the saved searches", async () => {
    const { user } = renderApp("/account/saved-searches", { user: buyer });
    const often = await screen.findByLabelText("How often");
    expect(often).toHaveValue("instant");
    await user.selectOptions(often, "daily");
    expect(await screen.findByText("Your e-mail choices are saved.")).toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: "Price drops on my favourites" }));
    await waitFor(() =>
      expect(state.requests.filter((request) => request.url.endsWith("/me/alert-emails")).map((request) => request.body)).toEqual([
        { frequency: "daily" },
        { price_drops: false },
      ]),
    );
    expect(screen.getByRole("checkbox", { name: "Price drops on my favourites" })).not.toBeChecked();
  });

  it("turns off e-mails about unread messages", async () => {
    const { user } = renderApp("/account/saved-searches", { user: buyer });
    const messages = await screen.findByRole("checkbox", { name: "Messages I have not read yet" });
    expect(messages).toBeChecked();
    await user.click(messages);
    expect(await screen.findByText("Your e-mail choices are saved.")).toBeInTheDocument();
    expect(state.requests.filter((request) => request.url.endsWith("/me/alert-emails")).map((request) => request.body)).toEqual([
      { messages: false },
    ]);
    expect(screen.getByRole("checkbox", { name: "Messages I have not read yet" })).not.toBeChecked();
  });

  it("saves the current search from the results page", async () => {
    const { user } = renderApp("/search?make=toyota&body_type=suv&page=2", { user: buyer });
    await user.click(await screen.findByRole("button", { name: "Save this search" }));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Search saved. You will find it in your account.")).toBeInTheDocument();
    expect(state.requests.find((request) => request.url.endsWith("/me/saved-searches"))?.body).toEqual({
      name: "Toyota",
      query: "make=toyota&body_type=suv",
      alert: true,
    });
  });

  it("suggests a name no longer than a saved search's name may be", async () => {
    const words = "family car with seven seats and low mileage ".repeat(3).trim();
    const { user } = renderApp(`/search?q=${encodeURIComponent(words)}`, { user: buyer });
    await user.click(await screen.findByRole("button", { name: "Save this search" }));
    const name = screen.getByRole("textbox", { name: "Name of this search" });
    expect(name).toHaveAttribute("maxLength", "80");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Search saved. You will find it in your account.");
    const saved = state.requests.find((request) => request.url.endsWith("/me/saved-searches"))?.body as { name: string };
    expect(saved.name).toBe(words.slice(0, 80).trim());
  });

  it("verifies the phone with the code sent by SMS, and says so when the code is wrong", async () => {
    server.use(
      http.post("*/api/v1/me/phone/verify", () => HttpResponse.json({ ...buyer, phone_verified: false }, { status: 202 })),
      http.post("*/api/v1/me/phone/confirm", async ({ request }) => {
        const { code } = (await request.json()) as { code: string };
        return code === "123456"
          ? HttpResponse.json({ ...buyer, phone_verified: true })
          : HttpResponse.json({ code: ["That code is not right. Check the SMS and try again."] }, { status: 400 });
      }),
    );
    const { user } = renderApp("/account", { user: { ...buyer, phone_verified: false } });
    await user.click(await screen.findByRole("button", { name: "Send me a code by SMS" }));
    const code = await screen.findByLabelText("Code");
    await user.type(code, "000000");
    await user.click(screen.getByRole("button", { name: "Verify" }));
    await waitFor(() => expect(code).toHaveAccessibleDescription(/That code is not right/));
    await user.clear(code);
    await user.type(code, "123456");
    await user.click(screen.getByRole("button", { name: "Verify" }));
    expect(await screen.findByText("Verified phone")).toBeInTheDocument();
  });

  it("lets a seller choose Call and WhatsApp buttons", async () => {
    const { user } = renderApp("/account", { user: { ...buyer } });
    await user.click(await screen.findByLabelText("Show a WhatsApp button on my listings"));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Profile saved.")).toBeInTheDocument();
    expect(state.requests.filter((request) => request.method === "PATCH").at(-1)?.body).toMatchObject({ shows_whatsapp: true, shows_call: false });
  });
});
