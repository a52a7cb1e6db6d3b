import { http, HttpResponse } from "msw";
import { act, screen, waitFor, within } from "@testing-library/react";
import { buyer } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

async function signInWith(user: ReturnType<typeof renderApp>["user"], password: string) {
  await user.type(await screen.findByLabelText(/^Email/), "fatima@example.bh");
  await user.type(screen.getByLabelText(/^Password/), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("sign in and register", () => {
  it("signs in and goes back to the page that asked for it", async () => {
    const { user, router } = renderApp("/sign-in?next=%2Fme%2Flistings");
    await signInWith(user, "correct-horse");
    await waitFor(() => expect(router.state.location.pathname).toBe("/me/listings"));
    expect(await screen.findByRole("button", { name: "Fatima" })).toBeInTheDocument();
  });

  it("shows the API's non-field error for wrong details", async () => {
    const { user } = renderApp("/sign-in");
    await signInWith(user, "wrong");
    expect(await screen.findByRole("alert")).toHaveTextContent("Unable to sign in with these details.");
  });

  it("shows the API's reason and the Retry-After wait by the form when sign-in must wait", async () => {
    const { user } = renderApp("/sign-in");
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await signInWith(user, `wrong-${attempt}`);
      await screen.findByRole("alert");
      await user.clear(screen.getByLabelText(/^Email/));
      await user.clear(screen.getByLabelText(/^Password/));
    }
    const alert = await screen.findByRole("alert");
    await waitFor(() => expect(alert).toHaveTextContent("Please wait before trying again"));
    expect(alert).toHaveTextContent("Too many wrong passwords. Wait 30 seconds before trying again, or reset your password.");
    expect(alert).toHaveTextContent("You can try again in 30 seconds.");
    expect(alert).not.toHaveTextContent("Too many requests");
    expect(screen.getByRole("link", { name: "Reset your password instead" })).toHaveAttribute("href", "/forgot-password");
  });

  it("never follows a next= that leaves the site", async () => {
    const { user, router } = renderApp("/sign-in?next=%2F%2Fevil.example");
    await signInWith(user, "correct-horse");
    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
  });

  it("takes a mobile number typed in Arabic-Indic digits, in its local form", async () => {
    let sent: string | undefined;
    server.use(
      http.post("*/api/v1/auth/register", async ({ request }) => {
        sent = ((await request.json()) as { phone?: string }).phone;
        return HttpResponse.json({ detail: "We sent a link.", email: "a@example.bh" }, { status: 202 });
      }),
    );
    const { user } = renderApp("/register");
    await user.type(await screen.findByLabelText(/^Your name/), "Maryam");
    await user.type(screen.getByLabelText(/^Email/), "a@example.bh");
    const phone = screen.getByLabelText(/^Mobile/);
    await user.type(phone, "٣٣٤٤ ٥٥٦٦");
    expect(phone).toHaveValue("3344 5566");
    await user.type(screen.getByLabelText(/^Password/), "correct-horse");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByText("Check your email")).toBeInTheDocument();
    // The API adds +973 to a local number (web/api/number_input.py, core/accounts/services.py).
    expect(sent).toBe("33445566");
  });

  it("registers, shows field errors by their fields, then asks to check the e-mail", async () => {
    server.use(
      http.post("*/api/v1/auth/register", async ({ request }) => {
        const body = (await request.json()) as { phone?: string; email: string; preferred_language?: string };
        if (body.phone !== "+97333445566") return HttpResponse.json({ phone: ["Enter +973 followed by 8 digits."] }, { status: 400 });
        return HttpResponse.json({ detail: "We sent a link.", email: body.email }, { status: 202 });
      }),
    );
    const { user, router } = renderApp("/register");
    await user.type(await screen.findByLabelText(/^Your name/), "Maryam");
    await user.type(screen.getByLabelText(/^Email/), "maryam@example.bh");
    await user.type(screen.getByLabelText(/^Mobile/), "3344");
    await user.type(screen.getByLabelText(/^Password/), "correct-horse");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    const phone = screen.getByLabelText(/^Mobile/);
    await waitFor(() => expect(phone).toHaveAccessibleDescription(/Enter \+973 followed by 8 digits\./));
    await user.clear(phone);
    await user.type(phone, "+973 3344 5566");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByText("Check your email")).toBeInTheDocument();
    expect(screen.getByText(/We sent a link to maryam@example\.bh\./)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/register");
    // Nobody is signed in by registering: the link does that.
    expect(state.requests.some((request) => request.url.endsWith("/auth/login"))).toBe(false);
    await user.click(screen.getByRole("button", { name: "Send the link again" }));
    expect(await screen.findByText(/a new link is on its way/)).toBeInTheDocument();
  });

  it("registers the account in the country being browsed, with that country's phone hint", async () => {
    localStorage.setItem("sayara.country", "sa");
    const sent: Record<string, unknown>[] = [];
    server.use(
      http.post("*/api/v1/auth/register", async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown> & { email: string };
        sent.push(body);
        return HttpResponse.json({ detail: "We sent a link.", email: body.email }, { status: 202 });
      }),
    );
    const { user } = renderApp("/register");
    const phone = await screen.findByLabelText(/^Mobile/);
    await waitFor(() =>
      expect(phone).toHaveAccessibleDescription("A mobile number in Saudi Arabia: 9 digits, with or without +966. Never shown to other people."),
    );
    expect(phone).toHaveAttribute("placeholder", "50 123 4567");
    await user.type(screen.getByLabelText(/^Your name/), "Nora");
    await user.type(screen.getByLabelText(/^Email/), "nora@example.sa");
    await user.type(phone, "050 123 4567");
    await user.type(screen.getByLabelText(/^Password/), "correct-horse");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByText("Check your email")).toBeInTheDocument();
    expect(sent[0]).toMatchObject({ country: "sa", phone: "0501234567" });
  });

  it("confirms the address from the e-mailed link, and offers a new link when it does not work", async () => {
    state.users.set("huda@example.bh", { ...buyer, email: "huda@example.bh", email_verified: false });
    const first = renderApp("/verify-email?token=valid:huda@example.bh");
    expect(await screen.findByText("Your address is confirmed")).toBeInTheDocument();
    expect(within(screen.getByRole("main")).getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/sign-in");
    first.unmount();

    const { user } = renderApp("/verify-email?token=broken");
    expect(await screen.findByText("This confirmation link does not work")).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Email/), "huda@example.bh");
    await user.click(screen.getByRole("button", { name: "Send the link again" }));
    expect(await screen.findByText(/a new link is on its way/)).toBeInTheDocument();
  });

  it("sends people whose session ended to sign in, and back afterwards", async () => {
    const { router } = renderApp("/messages", { user: buyer });
    await screen.findByRole("button", { name: "Fatima" });
    server.use(http.get("*/api/v1/conversations/:id/messages", () => HttpResponse.json({ detail: "Session expired." }, { status: 401 })));
    await act(() => router.navigate("/messages/9"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/sign-in"));
    expect(router.state.location.search).toBe("?next=%2Fmessages%2F9");
  });
});
