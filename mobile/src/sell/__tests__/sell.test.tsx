import { fireEvent, screen, waitFor } from "@testing-library/react-native";
import * as ImageManipulator from "expo-image-manipulator";
import * as ImagePicker from "expo-image-picker";
import { bahrain, enums, listing, saudi, searchAnswer, user } from "@/testing/fixtures";
import { reply, type Handlers } from "@/testing/fake-api";
import { renderApp } from "@/testing/render";

// The phone's photo library and image resizer.
jest.mock("expo-image-picker", () => ({
  requestMediaLibraryPermissionsAsync: jest.fn(async () => ({ granted: true })),
  requestCameraPermissionsAsync: jest.fn(async () => ({ granted: true })),
  launchImageLibraryAsync: jest.fn(async () => ({ canceled: false, assets: [{ uri: "file:///DCIM/car.heic", width: 4032, height: 3024 }] })),
  launchCameraAsync: jest.fn(async () => ({ canceled: true, assets: null })),
}));
jest.mock("expo-image-manipulator", () => ({
  SaveFormat: { JPEG: "jpeg" },
  manipulateAsync: jest.fn(async () => ({ uri: "file:///cache/car-1600.jpg", width: 1600, height: 1200 })),
}));

function server() {
  const state = { status: "" as string, photos: 0 };
  // The photo upload's answer waits for the test to let it through.
  let release = () => {};
  const uploaded = new Promise<void>((resolve) => (release = resolve));
  const handlers: Handlers = {
    "/api/v1/search/listings": { get: () => ({ status: 200, body: searchAnswer() }) },
    "/api/v1/me/unread": { get: () => ({ status: 200, body: { unread_count: 0, conversations_with_unread: 0 } }) },
    "/api/v1/catalog/makes": { get: () => ({ status: 200, body: [{ slug: "toyota", name_en: "Toyota", name_ar: "تويوتا", models: [{ slug: "camry", name_en: "Camry", name_ar: "كامري", body_type: "sedan" }] }] }) },
    "/api/v1/catalog/enums": {
      get: () => ({
        status: 200,
        body: enums({ body_type: [], drivetrain: [], color: [], condition: [], seller_type: [] }),
      }),
    },
    "/api/v1/listings": {
      post: ({ body }) => {
        const sent = body as { year: number; status: string };
        if (sent.year < 1950) return reply(400, { year: ["Must be a whole number between 1950 and 2027."] });
        state.status = sent.status;
        return reply(201, listing({ id: 42, status: "draft", photos: [] }));
      },
    },
    "/api/v1/listings/{listing_id}/photos": {
      post: async () => {
        await uploaded;
        state.photos += 1;
        return { status: 201, body: listing().photos[0] };
      },
    },
    "/api/v1/listings/{listing_id}": {
      patch: ({ body }) => {
        state.status = (body as { status: string }).status;
        return { status: 200, body: listing({ id: 42 }) };
      },
    },
  };
  return { state, handlers, release: () => release() };
}

async function fillTheForm() {
  fireEvent.press(await screen.findByRole("button", { name: "Sell" }));
  fireEvent.press(await screen.findByLabelText("Toyota"));
  fireEvent.press(await screen.findByLabelText("Camry"));
  fireEvent.changeText(screen.getByLabelText("Price (BHD)"), "7200");
  fireEvent.changeText(screen.getByLabelText("Mileage (km)"), "64000");
  for (const choice of ["Petrol", "Automatic", "GCC", "Capital"]) fireEvent.press(screen.getByLabelText(choice));
}

test("a seller lists a car with a photo resized on the phone, seeing the upload's progress", async () => {
  const { handlers, state, release } = server();
  const { api } = await renderApp({ token: "seller-key", handlers });
  await fillTheForm();
  fireEvent.changeText(screen.getByLabelText("Year"), "1900");

  fireEvent.press(screen.getByRole("button", { name: "Publish" }));
  expect(await screen.findByText("Add at least one photo.")).toBeTruthy();

  fireEvent.press(screen.getByRole("button", { name: "Add photos" }));
  expect(await screen.findByLabelText("Remove photo 1")).toBeTruthy();
  expect(ImageManipulator.manipulateAsync).toHaveBeenCalledWith("file:///DCIM/car.heic", [{ resize: { width: 1600 } }], { compress: 0.8, format: "jpeg" });

  fireEvent.press(screen.getByRole("button", { name: "Publish" }));
  expect(await screen.findByText("Must be a whole number between 1950 and 2027.")).toBeTruthy();

  fireEvent.changeText(screen.getByLabelText("Year"), "2019");
  fireEvent.press(screen.getByRole("button", { name: "Publish" }));
  expect(await screen.findByText("Uploading photo 1 of 1: 40%")).toBeTruthy();
  release();
  expect(await screen.findByText("Your car is listed.")).toBeTruthy();

  const [created] = api.sent("/api/v1/listings", "POST").slice(-1);
  expect(created.body).toMatchObject({ make: "toyota", model: "camry", year: 2019, price: "7200", mileage_km: 64000, fuel: "petrol", country: "bh", region: "capital", status: "draft" });
  expect(created.headers.get("Idempotency-Key")).toBeTruthy();
  const [upload] = api.sent("/api/v1/listings/42/photos", "POST");
  expect(upload.headers.get("Authorization")).toBe("Token seller-key");
  expect((upload.body as FormData).getAll("image")).toEqual([{ uri: "file:///cache/car-1600.jpg", name: "photo.jpg", type: "image/jpeg" }]);
  expect(state).toEqual({ status: "active", photos: 1 });
});

test("a seller who refuses access to the photos is told why they are needed", async () => {
  (ImagePicker.launchImageLibraryAsync as jest.Mock).mockClear();
  (ImagePicker.requestMediaLibraryPermissionsAsync as jest.Mock).mockResolvedValueOnce({ granted: false });
  const { handlers } = server();
  await renderApp({ token: "seller-key", handlers });
  fireEvent.press(await screen.findByRole("button", { name: "Sell" }));
  fireEvent.press(await screen.findByRole("button", { name: "Add photos" }));
  expect(await screen.findByText("Sayara needs access to your photos to add them.")).toBeTruthy();
  await waitFor(() => expect(ImagePicker.launchImageLibraryAsync).not.toHaveBeenCalled());
});

test("publishing a car like one already on sale asks first; confirming publishes the same draft without uploading again", async () => {
  const { handlers, state, release } = server();
  release();
  const { api } = await renderApp({
    token: "seller-key",
    handlers: {
      ...handlers,
      "/api/v1/listings/{listing_id}": {
        patch: ({ body }) => {
          const sent = body as { status: string; duplicate_confirmed?: boolean };
          if (!sent.duplicate_confirmed) return reply(400, { detail: "This looks like a car you already have on sale.", code: "listing_duplicate", non_field_errors: ["This looks like a car you already have on sale."], duplicates: [{ id: 7, title: "Toyota Camry 2019 GLE" }] });
          state.status = sent.status;
          return reply(200, listing({ id: 42 }));
        },
      },
    },
  });
  await fillTheForm();
  fireEvent.changeText(screen.getByLabelText("Year"), "2019");
  fireEvent.press(screen.getByRole("button", { name: "Add photos" }));
  await screen.findByLabelText("Remove photo 1");
  fireEvent.press(screen.getByRole("button", { name: "Publish" }));
  expect(await screen.findByText("Is this another car?")).toBeTruthy();
  expect(screen.getByRole("link", { name: "Toyota Camry 2019 GLE" })).toBeTruthy();
  expect(screen.queryByText("Your car is listed.")).toBeNull();

  fireEvent.press(screen.getByRole("checkbox", { name: "Yes, this is another car: publish it too" }));
  fireEvent.press(screen.getByRole("button", { name: "Publish" }));
  expect(await screen.findByText("Your car is listed.")).toBeTruthy();
  expect(api.sent("/api/v1/listings", "POST")).toHaveLength(1);
  expect(state).toEqual({ status: "active", photos: 1 });
  expect(api.sent("/api/v1/listings/42", "PATCH").at(-1)!.body).toMatchObject({ status: "active", duplicate_confirmed: true, make: "toyota" });
});

test("a seller in Saudi Arabia lists in riyals with its regions; choosing Bahrain switches to dinars and takes the region back", async () => {
  const { handlers, release } = server();
  release();
  const { api } = await renderApp({
    token: "seller-key",
    handlers: {
      ...handlers,
      // The account's country (issue 19), when the API sends it.
      "/api/v1/me": { get: () => ({ status: 200, body: Object.assign(user({ id: 9 }), { country: "sa" }) }) },
      "/api/v1/catalog/enums": { get: () => ({ status: 200, body: enums({ body_type: [], drivetrain: [], color: [], condition: [], seller_type: [], country: [bahrain(), saudi()] }) }) },
    },
  });
  fireEvent.press(await screen.findByRole("button", { name: "Sell" }));
  const price = await screen.findByLabelText("Price (SAR)");
  expect(price.props.placeholder).toBe("0.00");
  expect(screen.getByRole("radio", { name: "Saudi Arabia" }).props.accessibilityState.selected).toBe(true);
  expect(screen.queryByLabelText("Capital")).toBeNull();
  fireEvent.press(screen.getByLabelText("Riyadh"));

  fireEvent.press(screen.getByRole("radio", { name: "Bahrain" }));
  expect(await screen.findByLabelText("Price (BHD)")).toBeTruthy();
  expect(screen.getByLabelText("Price (BHD)").props.placeholder).toBe("0.000");
  expect(screen.queryByLabelText("Riyadh")).toBeNull();
  fireEvent.press(screen.getByRole("radio", { name: "Saudi Arabia" }));
  expect(screen.getByLabelText("Riyadh").props.accessibilityState.selected).toBe(false);

  fireEvent.press(screen.getByLabelText("Toyota"));
  fireEvent.press(await screen.findByLabelText("Camry"));
  fireEvent.changeText(screen.getByLabelText("Year"), "2019");
  fireEvent.changeText(screen.getByLabelText("Price (SAR)"), "85000.50");
  fireEvent.changeText(screen.getByLabelText("Mileage (km)"), "64000");
  for (const choice of ["Petrol", "Automatic", "GCC", "Makkah"]) fireEvent.press(screen.getByLabelText(choice));
  fireEvent.press(screen.getByRole("button", { name: "Add photos" }));
  await screen.findByLabelText("Remove photo 1");
  fireEvent.press(screen.getByRole("button", { name: "Publish" }));
  expect(await screen.findByText("Your car is listed.")).toBeTruthy();
  expect(api.sent("/api/v1/listings", "POST").at(-1)!.body).toMatchObject({ country: "sa", region: "makkah", price: "85000.50" });
});
