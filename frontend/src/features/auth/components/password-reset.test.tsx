import { http, HttpResponse } from "msw";
import { screen, waitFor } from "@testing-library/react";
import { expectNoSeriousA11yViolations } from "@/testing/axe";
import { buyer } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

const sent = (path: string) => state.requests.find((request) => request.method === "POST" && request.url.endsWith(path));

async function chooseNewPassword(user: ReturnType<typeof renderApp>["user"], password: string, repeat = password) {
  await user.type(await screen.findByLabelText(/^New password/), password);
  await user.type(screen.getByLabelText(/^Repeat the new password/), repeat);
  await user.click(screen.getByRole("button", { name: "Save new password" }));
}

describe("forgotten password", () => {
  it("links from sign-in to the reset page, carrying the email typed there", async () => {
    const { user, router } = renderApp("/sign-in");
    await user.type(await screen.findByLabelText(/^Email/), "fatima@example.bh");
    await user.click(screen.getByRole("link", { name: "Forgot your password?" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/forgot-password"));
    expect(await screen.findByRole("heading", { level: 1, name: "Reset your password" })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Email/)).toHaveValue("fatima@example.bh");
  });

  it("asks for a link with the CSRF token and answers the same whether or not the account exists", async () => {
    const { user } = renderApp("/forgot-password");
    await user.type(await screen.findByLabelText(/^Email/), "someone@example.bh");
    await user.click(screen.getByRole("button", { name: "Send reset link" }));
    const status = await screen.findByRole("status");
    expect(status).toHaveTextContent("If an account exists for that address, we sent a link to reset its password.");
    expect(status.closest("[tabindex='-1']")).toHaveFocus();
    expect(sent("/auth/password-reset")?.body).toEqual({ email: "someone@example.bh" });
    expect(sent("/auth/password-reset")?.headers.get("X-CSRFToken")).toBe("test-csrf");
  });

  it("says it in Arabic too", async () => {
    const { user } = renderApp("/forgot-password");
    await user.click(await screen.findByRole("button", { name: "العربية" }));
    await user.type(await screen.findByLabelText(/^البريد الإلكتروني/), "someone@example.bh");
    await user.click(screen.getByRole("button", { name: "أرسل رابط إعادة التعيين" }));
    expect(await screen.findByRole("status")).toHaveTextContent("إذا كان هناك حساب بهذا العنوان، فقد أرسلنا إليه رابطًا لإعادة تعيين كلمة المرور.");
  });

  it("gets the CSRF cookie first when a signed-out visitor has none", async () => {
    document.cookie = "csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/";
    server.use(
      http.get("*/api/v1/auth/csrf", () => {
        document.cookie = "csrftoken=fresh; path=/";
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderApp("/forgot-password");
    await user.type(await screen.findByLabelText(/^Email/), "someone@example.bh");
    await user.click(screen.getByRole("button", { name: "Send reset link" }));
    await screen.findByRole("status");
    expect(sent("/auth/password-reset")?.headers.get("X-CSRFToken")).toBe("fresh");
  });

  it("shows a malformed address's error by the field", async () => {
    const { user } = renderApp("/forgot-password");
    const email = await screen.findByLabelText(/^Email/);
    await user.type(email, "not-an-address");
    await user.click(screen.getByRole("button", { name: "Send reset link" }));
    await waitFor(() => expect(email).toHaveAccessibleDescription("Enter a valid email address."));
    expect(email).toHaveFocus();
  });

  it("says how long to wait when the network asked too often", async () => {
    server.use(
      http.post("*/api/v1/auth/password-reset", () =>
        HttpResponse.json(
          { detail: "Too many password reset requests from your network. Try again in 40 minutes. Expected available in 2400 seconds." },
          { status: 429, headers: { "Retry-After": "2401" } },
        ),
      ),
    );
    const { user } = renderApp("/forgot-password");
    await user.type(await screen.findByLabelText(/^Email/), "someone@example.bh");
    await user.click(screen.getByRole("button", { name: "Send reset link" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Too many reset requests");
    expect(alert).toHaveTextContent("Too many password reset requests from your network.");
    expect(alert).toHaveTextContent("You can try again in 40 minutes.");
  });
});

describe("choosing a new password from the e-mailed link", () => {
  it("posts uid, token and the new password, then sends the person to sign in with a success message", async () => {
    const { user, router } = renderApp("/reset-password?uid=MQ&token=set-password");
    expect(await screen.findByRole("heading", { level: 1, name: "Choose a new password" })).toBeInTheDocument();
    await chooseNewPassword(user, "a-long-new-password");
    await waitFor(() => expect(router.state.location.pathname).toBe("/sign-in"));
    expect(await screen.findByText("Your password has been changed. Sign in with your new password.")).toBeInTheDocument();
    expect(sent("/auth/password-reset/confirm")?.body).toEqual({ uid: "MQ", token: "set-password", new_password: "a-long-new-password" });
    expect(sent("/auth/password-reset/confirm")?.headers.get("X-CSRFToken")).toBe("test-csrf");
  });

  it("signs out a signed-in person whose password it changed", async () => {
    const { user, router } = renderApp("/reset-password?uid=MQ&token=set-password", { user: buyer });
    await chooseNewPassword(user, "a-long-new-password");
    await waitFor(() => expect(router.state.location.pathname).toBe("/sign-in"));
    expect(await screen.findByRole("link", { name: "Sign in" })).toBeInTheDocument();
    expect(localStorage.getItem("sayara.session")).toBeNull();
  });

  it("checks the two passwords match before asking the server", async () => {
    const { user } = renderApp("/reset-password?uid=MQ&token=set-password");
    await chooseNewPassword(user, "a-long-new-password", "a-long-new-passwrod");
    const repeat = screen.getByLabelText(/^Repeat the new password/);
    await waitFor(() => expect(repeat).toHaveAccessibleDescription("The two passwords are not the same."));
    expect(repeat).toHaveFocus();
    expect(sent("/auth/password-reset/confirm")).toBeUndefined();
  });

  it("shows the password validators' messages by the password field", async () => {
    const { user } = renderApp("/reset-password?uid=MQ&token=set-password");
    await chooseNewPassword(user, "short");
    await waitFor(() =>
      expect(screen.getByLabelText(/^New password/)).toHaveAccessibleDescription("This password is too short. It must contain at least 8 characters."),
    );
  });

  it("explains an expired or used link and offers to ask for a new one", async () => {
    const { user } = renderApp("/reset-password?uid=MQ&token=used-already");
    await chooseNewPassword(user, "a-long-new-password");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("This reset link is invalid or has expired. Ask for a new one.");
    expect(alert).toHaveFocus();
    expect(screen.getAllByRole("link", { name: "Ask for a new link" })[0]).toHaveAttribute("href", "/forgot-password");
  });

  it("says so when the link lost its token", async () => {
    renderApp("/reset-password?uid=MQ");
    expect(await screen.findByText("This reset link is incomplete")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
    expect(screen.queryByLabelText(/^New password/)).not.toBeInTheDocument();
  });

  it("has no serious accessibility violations", async () => {
    const { container, settle } = renderApp("/reset-password?uid=MQ&token=set-password");
    await screen.findByLabelText(/^New password/);
    await settle();
    await expectNoSeriousA11yViolations(container);
  });
});
