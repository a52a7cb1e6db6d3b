import { fireEvent, screen, waitFor, within } from "@testing-library/react-native";
import { Linking } from "react-native";
import { card, conversation, listing, searchAnswer } from "@/testing/fixtures";
import { renderApp } from "@/testing/render";
import type { Handlers } from "@/testing/fake-api";

const handlers: Handlers = {
  "/api/v1/search/listings": { get: () => ({ status: 200, body: searchAnswer({ results: [card({ id: 1 })] }) }) },
  "/api/v1/listings/{listing_id}": { get: ({ params }) => ({ status: 200, body: listing({ id: Number(params.listing_id) }) }) },
  "/api/v1/listings/{listing_id}/phone": { post: () => ({ status: 200, body: { phone: "+97333123456", call: true, whatsapp_url: "https://wa.me/97333123456?text=Toyota%20Camry" } }) },
};

async function openListing(options: Parameters<typeof renderApp>[0] = {}) {
  const view = await renderApp({ handlers, ...options });
  fireEvent.press(await screen.findByLabelText("Toyota Camry 2019, BHD 7,200"));
  await screen.findByRole("header", { name: "Toyota Camry 2019" });
  return view;
}

test("the listing's photos swipe one page at a time and open full screen", async () => {
  await openListing();
  expect(screen.getByText("Photo 1 of 3")).toBeTruthy();
  fireEvent(screen.getByTestId("gallery"), "momentumScrollEnd", { nativeEvent: { contentOffset: { x: 750 * 2, y: 0 } } });
  expect(await screen.findByText("Photo 3 of 3")).toBeTruthy();

  fireEvent.press(screen.getByLabelText("Photo 2 of 3"));
  const full = await screen.findByTestId("gallery-full");
  expect(within(full).getAllByRole("image")).toHaveLength(3);
  fireEvent.press(screen.getByLabelText("Close photos"));
  await waitFor(() => expect(screen.queryByTestId("gallery-full")).toBeNull());
});

test("call and WhatsApp reveal the seller's number and open the phone's apps", async () => {
  const open = jest.spyOn(Linking, "openURL").mockResolvedValue(true);
  const { api } = await openListing();
  fireEvent.press(screen.getByLabelText("Call"));
  await waitFor(() => expect(open).toHaveBeenCalledWith("tel:+97333123456"));
  fireEvent.press(screen.getByLabelText("WhatsApp"));
  await waitFor(() => expect(open).toHaveBeenCalledWith("https://wa.me/97333123456?text=Toyota%20Camry"));
  expect(api.sent("/api/v1/listings/1/phone", "POST")).toHaveLength(2);
});

test("a buyer who is not signed in is asked to sign in before messaging", async () => {
  await openListing();
  fireEvent.press(screen.getByLabelText("Send"));
  expect(await screen.findByLabelText("E-mail")).toBeTruthy();
});

test("a signed-in buyer's first message opens the conversation", async () => {
  const { api } = await openListing({
    token: "buyer-token",
    handlers: {
      ...handlers,
      "/api/v1/me/favorites/ids": { get: () => ({ status: 200, body: { ids: [] } }) },
      "/api/v1/me/unread": { get: () => ({ status: 200, body: { unread_count: 0, conversations_with_unread: 0 } }) },
      "/api/v1/conversations": { post: () => ({ status: 201, body: conversation({ id: 3, unread_count: 0, last_message: null }) }) },
      "/api/v1/conversations/{conversation_id}": { get: () => ({ status: 200, body: conversation({ id: 3 }) }) },
      "/api/v1/conversations/{conversation_id}/messages": { get: () => ({ status: 200, body: { count: 0, page: 1, page_size: 50, results: [] } }) },
    },
  });
  fireEvent.changeText(screen.getByLabelText("Message the seller"), "Is it still for sale?");
  fireEvent.press(screen.getByLabelText("Send"));
  expect(await screen.findByLabelText("Write a message")).toBeTruthy();
  const [sent] = api.sent("/api/v1/conversations", "POST");
  expect(sent.body).toEqual({ listing_id: 1, body: "Is it still for sale?" });
  expect(sent.headers.get("Authorization")).toBe("Token buyer-token");
});
