import { fireEvent, screen } from "@testing-library/react-native";
import { reloadAppAsync } from "expo";
import { I18nManager } from "react-native";
import type { Schema, User } from "@/api/types";
import { searchAnswer, user } from "@/testing/fixtures";
import { reply, type Handlers } from "@/testing/fake-api";
import { renderApp } from "@/testing/render";

/** The account's server side: it keeps the profile and answers in the request's language, as the API does. */
function server(start: User = user()) {
  const state = { user: start };
  const handlers: Handlers = {
    "/api/v1/search/listings": { get: () => ({ status: 200, body: searchAnswer() }) },
    "/api/v1/me/unread": { get: () => ({ status: 200, body: { unread_count: 0, conversations_with_unread: 0 } }) },
    "/api/v1/me/listings": { get: () => ({ status: 200, body: { count: 0, page: 1, page_size: 20, results: [] } }) },
    "/api/v1/me": {
      get: () => reply(200, state.user),
      patch: ({ body, headers }) => {
        const arabic = headers.get("Accept-Language") === "ar";
        const changes = body as Schema<"PatchedProfileUpdateRequest">;
        if (!changes.display_name) return reply(400, { display_name: [arabic ? "أدخل اسمًا." : "Enter a name."] });
        if (!changes.phone && (changes.shows_call || changes.shows_whatsapp)) return reply(400, { phone: [arabic ? "أضف رقم هاتفك لإظهار زر الاتصال أو واتساب." : "Add your phone number to show Call or WhatsApp buttons."] });
        if (changes.phone && !/^(\+973)?\d{8}$/.test(changes.phone)) return reply(400, { phone: [arabic ? "أدخل رقمًا بحرينيًا من 8 أرقام." : "Enter a Bahrain number: 8 digits."] });
        state.user = { ...state.user, ...(changes as Partial<User>) };
        return reply(200, state.user);
      },
    },
  };
  return { state, handlers };
}

async function openAccountTab(name = "Account") {
  fireEvent.press(await screen.findByRole("button", { name }));
}

test("a user edits their profile: the API's errors show beside the field they are about, and the saved profile is shown", async () => {
  const { state, handlers } = server();
  const { api } = await renderApp({ token: "key-1", handlers });
  await openAccountTab();
  expect(await screen.findByText("E-mail: sara@example.com (it cannot be changed here)")).toBeTruthy();
  expect(screen.getByLabelText("Your name").props.value).toBe("Sara");
  expect(screen.getByRole("checkbox", { name: "Show a Call button on my listings" }).props.accessibilityState).toMatchObject({ checked: true });

  fireEvent.changeText(screen.getByLabelText("Your name"), "Sara Ahmed");
  fireEvent.press(screen.getByRole("button", { name: "Save profile" }));
  expect(await screen.findByText("Add your phone number to show Call or WhatsApp buttons.")).toBeTruthy();
  expect(screen.queryByText("Profile saved.")).toBeNull();

  fireEvent.changeText(screen.getByLabelText("Mobile number"), "3312");
  fireEvent.press(screen.getByRole("button", { name: "Save profile" }));
  expect(await screen.findByText("Enter a Bahrain number: 8 digits.")).toBeTruthy();

  fireEvent.changeText(screen.getByLabelText("Mobile number"), "3312 3456");
  fireEvent.press(screen.getByRole("checkbox", { name: "Show a WhatsApp button on my listings" }));
  fireEvent.press(screen.getByRole("button", { name: "Save profile" }));
  expect(await screen.findByText("Profile saved.")).toBeTruthy();
  expect(screen.getByText("Signed in as Sara Ahmed")).toBeTruthy();
  expect(screen.queryByText("Enter a Bahrain number: 8 digits.")).toBeNull();
  expect(api.sent("/api/v1/me", "PATCH").at(-1)!.body).toEqual({ display_name: "Sara Ahmed", phone: "33123456", shows_call: true, shows_whatsapp: false, preferred_language: "en" });
  expect(state.user).toMatchObject({ display_name: "Sara Ahmed", phone: "33123456", shows_whatsapp: false });
});

test("in Arabic the profile is in Arabic and the API's error comes in Arabic beside the name", async () => {
  const { handlers } = server(user({ preferred_language: "ar" }));
  await renderApp({ token: "key-1", handlers, language: "ar" });
  await openAccountTab("الحساب");
  expect(await screen.findByText("الملف الشخصي")).toBeTruthy();
  fireEvent.changeText(screen.getByLabelText("اسمك"), "  ");
  fireEvent.press(screen.getByRole("button", { name: "احفظ الملف الشخصي" }));
  expect(await screen.findByText("أدخل اسمًا.")).toBeTruthy();
  expect(screen.getByRole("radio", { name: "العربية" }).props.accessibilityState).toMatchObject({ selected: true });
});

test("choosing Arabic in the profile saves it to the account and turns the app to Arabic, right to left", async () => {
  const forceRTL = jest.spyOn(I18nManager, "forceRTL");
  const { state, handlers } = server(user({ phone: "+97333123456" }));
  const { api } = await renderApp({ token: "key-1", handlers });
  await openAccountTab();
  fireEvent.press(await screen.findByRole("radio", { name: "العربية" }));
  fireEvent.press(screen.getByRole("button", { name: "Save profile" }));
  expect(await screen.findByText("تم حفظ الملف الشخصي.")).toBeTruthy();
  expect(state.user.preferred_language).toBe("ar");
  expect(forceRTL).toHaveBeenCalledWith(true);
  expect(reloadAppAsync).toHaveBeenCalled();
  expect(api.sent("/api/v1/me", "PATCH")[0].body).toMatchObject({ preferred_language: "ar", phone: "+97333123456" });
  expect(screen.getByRole("button", { name: "احفظ الملف الشخصي" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "بحث" })).toBeTruthy();
});

test("a profile that cannot be saved now says why, and keeps what was typed", async () => {
  const { handlers } = server(user({ phone: "33123456" }));
  await renderApp({ token: "key-1", handlers: { ...handlers, "/api/v1/me": { ...handlers["/api/v1/me"], patch: () => reply(503, { detail: "The database is unavailable." }) } } });
  await openAccountTab();
  fireEvent.changeText(await screen.findByLabelText("Your name"), "Sara A.");
  fireEvent.press(screen.getByRole("button", { name: "Save profile" }));
  expect(await screen.findByText("The service is busy. Try again in a moment.")).toBeTruthy();
  expect(screen.getByLabelText("Your name").props.value).toBe("Sara A.");
});
