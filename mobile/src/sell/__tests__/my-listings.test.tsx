import { fireEvent, screen, waitFor, within } from "@testing-library/react-native";
import { Image } from "react-native";
import type { Listing, Schema } from "@/api/types";
import { bahrain, enums, listing, saudi, searchAnswer, user } from "@/testing/fixtures";
import { reply, type Handlers } from "@/testing/fake-api";
import { renderApp } from "@/testing/render";

// The phone's photo library and image resizer.
jest.mock("expo-image-picker", () => ({
  requestMediaLibraryPermissionsAsync: jest.fn(async () => ({ granted: true })),
  requestCameraPermissionsAsync: jest.fn(async () => ({ granted: true })),
  launchImageLibraryAsync: jest.fn(async () => ({ canceled: false, assets: [{ uri: "file:///DCIM/car.heic", width: 4032, height: 3024 }] })),
  launchCameraAsync: jest.fn(async () => ({ canceled: false, assets: [{ uri: "file:///DCIM/camera.jpg", width: 1200, height: 1600 }] })),
}));
jest.mock("expo-image-manipulator", () => ({
  SaveFormat: { JPEG: "jpeg" },
  manipulateAsync: jest.fn(async (uri: string) => ({ uri: `${uri}-resized.jpg`, width: 1600, height: 1200 })),
}));

/** A seller (user 9, the fixtures' listings' seller) with a car on sale and a draft; the API keeps what they do. */
function server(start: Listing[] = [listing({ id: 1 }), listing({ id: 2, title: "Nissan Patrol 2021", make: "nissan", model: "patrol", year: 2021, price: "21000.000", status: "draft", photos: [] })]) {
  const state = { listings: start, uploads: Promise.resolve() };
  const find = (id: string) => state.listings.find((item) => item.id === Number(id));
  const update = (id: string, changes: Partial<Listing>) => {
    state.listings = state.listings.map((item) => (item.id === Number(id) ? { ...item, ...changes, version: item.version + 1 } : item));
    return find(id)!;
  };
  const handlers: Handlers = {
    "/api/v1/search/listings": { get: () => ({ status: 200, body: searchAnswer() }) },
    "/api/v1/me/unread": { get: () => ({ status: 200, body: { unread_count: 0, conversations_with_unread: 0 } }) },
    "/api/v1/me": { get: () => ({ status: 200, body: user({ id: 9, display_name: "Ali" }) }) },
    "/api/v1/catalog/makes": {
      get: () => ({
        status: 200,
        body: [
          { slug: "toyota", name_en: "Toyota", name_ar: "تويوتا", models: [{ slug: "camry", name_en: "Camry", name_ar: "كامري", body_type: "sedan" }] },
          { slug: "nissan", name_en: "Nissan", name_ar: "نيسان", models: [{ slug: "patrol", name_en: "Patrol", name_ar: "باترول", body_type: "suv" }] },
        ],
      }),
    },
    "/api/v1/catalog/enums": { get: () => ({ status: 200, body: enums() }) },
    "/api/v1/me/listings": { get: () => ({ status: 200, body: { count: state.listings.length, page: 1, page_size: 20, results: state.listings } }) },
    "/api/v1/listings/{listing_id}": {
      get: ({ params }) => ({ status: 200, body: find(params.listing_id)! }),
      patch: ({ params, body }) => {
        const changes = body as Schema<"PatchedListingWriteRequest">;
        if (changes.mileage_km !== undefined && typeof changes.mileage_km !== "number") return reply(400, { mileage_km: ["A whole number is required."] });
        if (changes.price === "900" && !changes.price_confirmed)
          return reply(400, { detail: "This price is far from what similar cars sell for.", code: "price_unusual", price: ["This price is far from what similar cars sell for."], hold: true, floor: "3080.000", typical: { low: "8200.000", high: "9600.000" } });
        if (changes.status === "active" && !changes.duplicate_confirmed)
          return reply(400, { detail: "This looks like a car you already have on sale.", code: "listing_duplicate", non_field_errors: ["This looks like a car you already have on sale."], duplicates: [{ id: 1, title: "Toyota Camry 2019" }] });
        const { price_confirmed, duplicate_confirmed: _duplicate, ...fields } = changes;
        return reply(200, update(params.listing_id, { ...(fields as Partial<Listing>), ...(price_confirmed ? { status: "pending_review", held_for: "price" } : {}) }));
      },
      delete: ({ params }) => {
        state.listings = state.listings.filter((item) => item.id !== Number(params.listing_id));
        return { status: 204, body: null };
      },
    },
    "/api/v1/listings/{listing_id}/photos": {
      post: async ({ params }) => {
        // The upload's answer waits for the test to let it through (to see its progress).
        await state.uploads;
        const photos = find(params.listing_id)!.photos;
        if (photos.length >= 4) return reply(400, { image: ["A listing can have at most 4 photos."] });
        const id = 100 + photos.length;
        const photo = { ...photos[0], id, url: `http://localhost/media/${id}.jpg`, thumbnail_url: `http://localhost/media/${id}-thumb.jpg`, position: photos.length };
        update(params.listing_id, { photos: [...photos, photo] });
        return reply(201, photo);
      },
    },
    "/api/v1/listings/{listing_id}/photos/{photo_id}": {
      delete: ({ params }) => {
        update(params.listing_id, { photos: find(params.listing_id)!.photos.filter((photo) => photo.id !== Number(params.photo_id)) });
        return { status: 204, body: null };
      },
    },
    "/api/v1/listings/{listing_id}/renew": { post: ({ params }) => ({ status: 200, body: update(params.listing_id, { expires_at: "2027-02-01T09:00:00Z" }) }) },
    "/api/v1/me/listings/{listing_id}/stats": {
      get: ({ params }) => ({
        status: 200,
        body: {
          listing_id: Number(params.listing_id),
          days:
            params.listing_id === "1"
              ? [
                  { day: "2026-11-29", views: 12, saves: 1, messages: 0, calls: 1, whatsapp: 0 },
                  { day: "2026-11-30", views: 0, saves: 0, messages: 0, calls: 0, whatsapp: 0 },
                  { day: "2026-12-01", views: 30, saves: 2, messages: 3, calls: 0, whatsapp: 2 },
                ]
              : [{ day: "2026-12-01", views: 0, saves: 0, messages: 0, calls: 0, whatsapp: 0 }],
        },
      }),
    },
  };
  return { state, handlers };
}

async function openMyListings() {
  fireEvent.press(await screen.findByRole("button", { name: "Sell" }));
  fireEvent.press(await screen.findByRole("button", { name: "My listings" }));
  await screen.findByText("Toyota Camry 2019");
}

/** The card of one listing, to press its own buttons. */
const cardOf = (id: number) => within(screen.getByTestId(`my-listing-${id}`));

test("a seller sees their listings in every status, marks one sold after confirming, renews and deletes", async () => {
  const { state, handlers } = server();
  const { api } = await renderApp({ token: "seller-key", handlers });
  await openMyListings();
  expect(screen.getByText("On sale")).toBeTruthy();
  expect(screen.getByText("Draft")).toBeTruthy();
  expect(screen.getByText("BHD 21,000")).toBeTruthy();

  fireEvent.press(cardOf(1).getByRole("button", { name: "Renew" }));
  expect(await screen.findByText("Listing renewed.")).toBeTruthy();
  expect(api.sent("/api/v1/listings/1/renew", "POST")).toHaveLength(1);

  fireEvent.press(cardOf(1).getByRole("button", { name: "Mark as sold" }));
  expect(screen.getByText("Mark “Toyota Camry 2019” as sold?")).toBeTruthy();
  fireEvent.press(screen.getByRole("button", { name: "Cancel" }));
  expect(api.sent("/api/v1/listings/1", "PATCH")).toHaveLength(0);
  fireEvent.press(cardOf(1).getByRole("button", { name: "Mark as sold" }));
  fireEvent.press(cardOf(1).getByRole("button", { name: "Mark as sold" }));
  expect(await screen.findByText("Marked as sold. It no longer appears in search.")).toBeTruthy();
  expect(await screen.findByText("Sold")).toBeTruthy();
  expect(api.sent("/api/v1/listings/1", "PATCH")[0].body).toEqual({ status: "sold" });

  fireEvent.press(cardOf(2).getByRole("button", { name: "Delete" }));
  expect(screen.getByText("Delete “Nissan Patrol 2021”? This cannot be undone.")).toBeTruthy();
  fireEvent.press(cardOf(2).getByRole("button", { name: "Delete" }));
  expect(await screen.findByText("Listing deleted.")).toBeTruthy();
  await waitFor(() => expect(screen.queryByText("Nissan Patrol 2021")).toBeNull());
  expect(state.listings.map((item) => item.id)).toEqual([1]);
});

test("publishing a draft that looks like a car on sale asks whether it is another car, then publishes it", async () => {
  const { handlers } = server();
  const { api } = await renderApp({ token: "seller-key", handlers });
  await openMyListings();
  fireEvent.press(cardOf(2).getByRole("button", { name: "Publish" }));
  expect(await screen.findByText("Is this another car?")).toBeTruthy();
  expect(screen.getByRole("link", { name: "Toyota Camry 2019" })).toBeTruthy();

  fireEvent.press(screen.getByRole("checkbox", { name: "Yes, this is another car: publish it too" }));
  fireEvent.press(cardOf(2).getByRole("button", { name: "Publish" }));
  expect(await screen.findByText("Listing published.")).toBeTruthy();
  expect(api.sent("/api/v1/listings/2", "PATCH").map((request) => request.body)).toEqual([{ status: "active" }, { status: "active", duplicate_confirmed: true }]);
  expect(screen.getAllByText("On sale")).toHaveLength(2);
});

test("a seller edits a listing: only the changes are sent, a field's error shows beside it, an unusual price is confirmed", async () => {
  const { state, handlers } = server();
  const { api } = await renderApp({ token: "seller-key", handlers });
  await openMyListings();
  fireEvent.press(cardOf(1).getByRole("button", { name: "Edit" }));

  expect(await screen.findByDisplayValue("One owner, full service history.")).toBeTruthy();
  expect(screen.getByLabelText("Price (BHD)").props.value).toBe("7200.000");
  fireEvent.press(screen.getByRole("button", { name: "Save changes" }));
  expect(await screen.findByText("Nothing has changed yet.")).toBeTruthy();
  expect(api.sent("/api/v1/listings/1", "PATCH")).toHaveLength(0);

  fireEvent.changeText(screen.getByLabelText("Mileage (km)"), "about 60000");
  fireEvent.press(screen.getByRole("button", { name: "Save changes" }));
  expect(await screen.findByText("A whole number is required.")).toBeTruthy();

  fireEvent.changeText(screen.getByLabelText("Mileage (km)"), "61000");
  fireEvent.changeText(screen.getByLabelText("Price (BHD)"), "900");
  fireEvent.changeText(screen.getByLabelText("Description"), "One owner. New tyres.");
  fireEvent.press(screen.getByLabelText("Black"));
  fireEvent.press(screen.getByRole("button", { name: "Save changes" }));
  expect(await screen.findByText("Is this price right?")).toBeTruthy();
  expect(screen.getByText("Similar cars sell for about BHD 8,200 to BHD 9,600. This price is far from that.")).toBeTruthy();
  expect(screen.getByText("If you confirm it, our team reviews the listing before buyers see it.")).toBeTruthy();

  fireEvent.press(screen.getByRole("checkbox", { name: "Yes, the price BHD 900 is right" }));
  fireEvent.press(screen.getByRole("button", { name: "Save changes" }));
  expect(await screen.findByText("Saved. Our team reviews the listing before buyers see it.")).toBeTruthy();
  expect(api.sent("/api/v1/listings/1", "PATCH").at(-1)!.body).toEqual({ price: "900", mileage_km: 61000, exterior_color: "black", description: "One owner. New tyres.", price_confirmed: true });
  expect(state.listings[0]).toMatchObject({ price: "900", mileage_km: 61000, status: "pending_review" });
  expect(screen.getByText("Waiting for review")).toBeTruthy();
});

test("a seller sees a listing's numbers: the totals, and each day that had any, newest first", async () => {
  const { handlers } = server();
  await renderApp({ token: "seller-key", handlers });
  await openMyListings();
  fireEvent.press(cardOf(1).getByRole("button", { name: "Numbers" }));
  expect(await screen.findByLabelText("Views: 42")).toBeTruthy();
  expect(screen.getByLabelText("Messages: 3")).toBeTruthy();
  const days = screen.getAllByText(/^Views \d/).map((node) => node.props.children);
  expect(days).toEqual(["Views 30 · Saves 2 · Messages 3 · Calls 0 · WhatsApp 2", "Views 12 · Saves 1 · Messages 0 · Calls 1 · WhatsApp 0"]);
  expect(screen.getByText("Dec 1, 2026")).toBeTruthy();
  expect(screen.queryByText("Nov 30, 2026")).toBeNull();
});

test("in Arabic the seller's screens speak Arabic with Arabic digits; a quiet listing says so", async () => {
  const { handlers } = server([listing({ id: 2, title: "نيسان باترول 2021", status: "expired" })]);
  await renderApp({ token: "seller-key", handlers, language: "ar" });
  fireEvent.press(await screen.findByRole("button", { name: "بيع" }));
  fireEvent.press(await screen.findByRole("button", { name: "إعلاناتي" }));
  expect(await screen.findByText("منتهي")).toBeTruthy();
  expect(screen.getByRole("button", { name: "تجديد" })).toBeTruthy();
  fireEvent.press(screen.getByRole("button", { name: "الأرقام" }));
  expect(await screen.findByText("لا مشاهدات أو تواصل في آخر 30 يومًا بعد.")).toBeTruthy();
  expect(screen.getByLabelText("المشاهدات: ٠")).toBeTruthy();
});

test("a seller with no listings is offered to list one; a failed load offers to try again", async () => {
  const { handlers } = server([]);
  let fail = true;
  await renderApp({
    token: "seller-key",
    handlers: { ...handlers, "/api/v1/me/listings": { get: () => (fail ? reply(503, { detail: "The database is unavailable." }) : reply(200, { count: 0, page: 1, page_size: 20, results: [] })) } },
  });
  fireEvent.press(await screen.findByRole("button", { name: "Sell" }));
  fireEvent.press(await screen.findByRole("button", { name: "My listings" }));
  expect(await screen.findByText("The service is busy. Try again in a moment.")).toBeTruthy();
  fail = false;
  fireEvent.press(screen.getByRole("button", { name: "Try again" }));
  expect(await screen.findByText("You have no listings yet.")).toBeTruthy();
  fireEvent.press(screen.getByRole("button", { name: "List a car" }));
  await waitFor(() => expect(screen.queryByText("You have no listings yet.")).toBeNull());
  expect(screen.getByText("List your car")).toBeTruthy();
});

test("a seller opening their own car from search is offered to edit it and see its numbers, not to message themselves", async () => {
  const { handlers } = server();
  await renderApp({ token: "seller-key", handlers });
  fireEvent.press(await screen.findByRole("button", { name: "Toyota Camry 2019, BHD 7,200" }));
  expect(await screen.findByText("This is your listing.")).toBeTruthy();
  expect(screen.queryByRole("button", { name: "Send" })).toBeNull();
  fireEvent.press(screen.getByRole("button", { name: "Edit" }));
  expect(await screen.findByDisplayValue("One owner, full service history.")).toBeTruthy();
});

test("a seller adds photos to a listing on edit with their progress, and removes one after confirming", async () => {
  const { state, handlers } = server();
  let release = () => {};
  state.uploads = new Promise<void>((resolve) => (release = resolve));
  const { api } = await renderApp({ token: "seller-key", handlers });
  await openMyListings();
  fireEvent.press(cardOf(1).getByRole("button", { name: "Edit" }));
  expect(await screen.findByLabelText("Remove photo 3")).toBeTruthy();

  fireEvent.press(screen.getByRole("button", { name: "Add photos" }));
  expect(await screen.findByText("Uploading photo 1 of 1: 40%")).toBeTruthy();
  release();
  expect(await screen.findByText("Photo added.")).toBeTruthy();
  expect(screen.getByLabelText("Remove photo 4")).toBeTruthy();
  const [upload] = api.sent("/api/v1/listings/1/photos", "POST");
  expect(upload.headers.get("Authorization")).toBe("Token seller-key");
  expect((upload.body as FormData).getAll("image")).toEqual([{ uri: "file:///DCIM/car.heic-resized.jpg", name: "photo.jpg", type: "image/jpeg" }]);

  // The server refuses a fifth: its reason shows, nothing is lost.
  fireEvent.press(screen.getByRole("button", { name: "Take a photo" }));
  expect(await screen.findByText("A listing can have at most 4 photos.")).toBeTruthy();
  expect(state.listings[0].photos).toHaveLength(4);

  fireEvent.press(screen.getByLabelText("Remove photo 2"));
  expect(screen.getByText("Remove photo 2? Buyers will no longer see it.")).toBeTruthy();
  fireEvent.press(screen.getByRole("button", { name: "Cancel" }));
  expect(screen.queryByText("Remove photo 2? Buyers will no longer see it.")).toBeNull();
  fireEvent.press(screen.getByLabelText("Remove photo 2"));
  fireEvent.press(screen.getByRole("button", { name: "Remove photo" }));
  expect(await screen.findByText("Photo removed.")).toBeTruthy();
  expect(api.sent("/api/v1/listings/1/photos/2", "DELETE")).toHaveLength(1);
  expect(state.listings[0].photos.map((photo) => photo.id)).toEqual([1, 3, 103]);
  await waitFor(() => expect(screen.queryByLabelText("Remove photo 4")).toBeNull());
  expect(api.sent("/api/v1/listings/1", "PATCH")).toHaveLength(0);
});

test("a seller reorders a listing's photos on edit with the arrows: the first is the cover; a refused order changes nothing", async () => {
  const { state, handlers } = server();
  let refuse = false;
  const { api } = await renderApp({
    token: "seller-key",
    handlers: {
      ...handlers,
      "/api/v1/listings/{listing_id}/photos/order": {
        put: ({ params, body }) => {
          if (refuse) return reply(400, { photo_ids: ["List each photo of the listing once."] });
          const ids = (body as Schema<"PhotoOrderRequest">).photo_ids;
          const photos = ids.map((id, position) => ({ ...state.listings[0].photos.find((photo) => photo.id === id)!, position }));
          state.listings = state.listings.map((item) => (item.id === Number(params.listing_id) ? { ...item, photos } : item));
          return reply(200, photos);
        },
      },
    },
  });
  await openMyListings();
  fireEvent.press(cardOf(1).getByRole("button", { name: "Edit" }));
  const thumbnails = () => screen.getAllByLabelText(/^Remove photo \d$/).map((button) => within(button).UNSAFE_getByType(Image).props.source.uri);
  expect(await screen.findByLabelText("Move photo 3 earlier")).toBeTruthy();
  expect(screen.getByLabelText("Move photo 1 earlier").props.accessibilityState.disabled).toBe(true);
  expect(screen.getByLabelText("Move photo 3 later").props.accessibilityState.disabled).toBe(true);
  expect(screen.getByText("Cover")).toBeTruthy();

  // The third photo becomes the cover in two moves, each saved at once.
  fireEvent.press(screen.getByLabelText("Move photo 3 earlier"));
  expect(await screen.findByText("Photo order saved: buyers see the first one on the card.")).toBeTruthy();
  fireEvent.press(await screen.findByLabelText("Move photo 2 earlier"));
  await waitFor(() => expect(api.sent("/api/v1/listings/1/photos/order", "PUT")).toHaveLength(2));
  expect(api.sent("/api/v1/listings/1/photos/order", "PUT").map((request) => request.body)).toEqual([{ photo_ids: [1, 3, 2] }, { photo_ids: [3, 1, 2] }]);
  await waitFor(() => expect(thumbnails()).toEqual(["http://localhost/media/3-thumb.jpg", "http://localhost/media/1-thumb.jpg", "http://localhost/media/2-thumb.jpg"]));
  expect(state.listings[0].photos.map((photo) => photo.id)).toEqual([3, 1, 2]);

  // A refused order says why, and the photos stay in the order the server kept.
  refuse = true;
  fireEvent.press(screen.getByLabelText("Move photo 1 later"));
  expect(await screen.findByText("List each photo of the listing once.")).toBeTruthy();
  await waitFor(() => expect(thumbnails()).toEqual(["http://localhost/media/3-thumb.jpg", "http://localhost/media/1-thumb.jpg", "http://localhost/media/2-thumb.jpg"]));
  expect(api.sent("/api/v1/listings/1", "PATCH")).toHaveLength(0);
});

test("the only photo of a car on sale stays until another is added; in Arabic the photos speak Arabic", async () => {
  const { state, handlers } = server([listing({ id: 1, photos: [listing().photos[0]] })]);
  const { api } = await renderApp({ token: "seller-key", handlers, language: "ar" });
  fireEvent.press(await screen.findByRole("button", { name: "بيع" }));
  fireEvent.press(await screen.findByRole("button", { name: "إعلاناتي" }));
  fireEvent.press(await screen.findByRole("button", { name: "تعديل" }));
  fireEvent.press(await screen.findByLabelText("إزالة الصورة 1"));
  expect(screen.getByText("إزالة الصورة 1؟ لن يراها المشترون بعد الآن.")).toBeTruthy();
  fireEvent.press(screen.getByRole("button", { name: "إزالة الصورة" }));
  expect(await screen.findByText("يحتاج الإعلان المعروض إلى صورة: أضف صورة أخرى قبل إزالة هذه.")).toBeTruthy();
  expect(api.sent("/api/v1/listings/1/photos/1", "DELETE")).toHaveLength(0);
  expect(state.listings[0].photos).toHaveLength(1);
});

test("editing a car in Saudi Arabia shows riyals; moving it to Bahrain asks for a Bahraini region, in Arabic too", async () => {
  const { state, handlers } = server([listing({ id: 1, country: "sa", currency: "SAR", price: "85000.00", region: "riyadh", governorate: "" })]);
  const { api } = await renderApp({
    token: "seller-key",
    language: "ar",
    handlers: {
      ...handlers,
      "/api/v1/catalog/enums": { get: () => ({ status: 200, body: enums({ country: [bahrain(), saudi()] }) }) },
      "/api/v1/listings/{listing_id}": {
        ...handlers["/api/v1/listings/{listing_id}"],
        patch: ({ params, body }) => {
          const changes = body as Schema<"PatchedListingWriteRequest">;
          if ((changes.region as string) === "") return reply(400, { region: ["اختر منطقة في البحرين."] });
          state.listings = state.listings.map((item) => (item.id === Number(params.listing_id) ? { ...item, ...(changes as Partial<Listing>), currency: "BHD", price: "85000.000" } : item));
          return reply(200, state.listings[0]);
        },
      },
    },
  });
  fireEvent.press(await screen.findByRole("button", { name: "بيع" }));
  fireEvent.press(await screen.findByRole("button", { name: "إعلاناتي" }));
  expect(await screen.findByText("٨٥٬٠٠٠ ر.س")).toBeTruthy();
  fireEvent.press(screen.getByRole("button", { name: "تعديل" }));
  expect((await screen.findByLabelText("السعر (ر.س)")).props.value).toBe("85000.00");
  expect(screen.getByLabelText("الرياض").props.accessibilityState.selected).toBe(true);

  fireEvent.press(screen.getByRole("radio", { name: "البحرين" }));
  expect(await screen.findByLabelText("السعر (د.ب)")).toBeTruthy();
  fireEvent.press(screen.getByRole("button", { name: "احفظ التغييرات" }));
  expect(await screen.findByText("اختر منطقة في البحرين.")).toBeTruthy();
  fireEvent.press(screen.getByLabelText("العاصمة"));
  fireEvent.press(screen.getByRole("button", { name: "احفظ التغييرات" }));
  expect(await screen.findByText("تم حفظ التغييرات.")).toBeTruthy();
  expect(api.sent("/api/v1/listings/1", "PATCH").at(-1)!.body).toEqual({ country: "bh", region: "capital" });
  expect(state.listings[0]).toMatchObject({ country: "bh", region: "capital" });
});
