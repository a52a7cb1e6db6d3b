// The app against the real backend: web/tests/test_mobile_app_http.py starts
// the API (uvicorn on the test database, with its worker and engine), makes a
// seller with a token and a car on sale, runs this file with SAYARA_LIVE set,
// then checks what the app's taps wrote. Without SAYARA_LIVE (a plain
// `npm test`) it is skipped: the FakeApi tests cover the screens.
import { fireEvent, screen } from "@testing-library/react-native";
import { readFileSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { API_URL } from "@/config";
import { i18n } from "@/i18n";
import { formatNumber } from "@/i18n/format";
import { TestXhr } from "@/testing/fake-api";
import { renderApp } from "@/testing/render";

type Live = { api: string; token: string; name: string; title: string; phone: string; phoneError: string; photo: string };
const live: Live | null = process.env.SAYARA_LIVE ? JSON.parse(process.env.SAYARA_LIVE) : null;

/**
 * The app's requests, built for API_URL, sent to the server under test by
 * Node's own HTTP client (jest-expo's global fetch is Expo's, whose native side
 * does not exist here).
 */
async function toLiveServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(input, init);
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.text();
  const url = request.url.replace(API_URL, live!.api);
  const headers = Object.fromEntries(request.headers.entries());
  return new Promise((resolve, reject) => {
    const sent = http.request(url, { method: request.method, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => {
        const status = answer.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString("utf8");
        const kept = Object.entries(answer.headers).flatMap(([name, value]) => (typeof value === "string" ? [[name, value] as [string, string]] : []));
        resolve(new Response(status === 204 || !text ? null : text, { status, headers: kept }));
      });
    });
    sent.on("error", reject);
    sent.end(body);
  });
}

// The phone's library holds one photo, the server's (a file:// URL); it is small enough to go as it is.
jest.mock("expo-image-picker", () => ({
  requestMediaLibraryPermissionsAsync: async () => ({ granted: true }),
  launchImageLibraryAsync: async () => ({ canceled: false, assets: [{ uri: JSON.parse(process.env.SAYARA_LIVE ?? "{}").photo, width: 640, height: 480 }] }),
}));
jest.mock("expo-image-manipulator", () => ({ SaveFormat: { JPEG: "jpeg" }, manipulateAsync: async (uri: string) => ({ uri, width: 640, height: 480 }) }));

/**
 * The upload's XMLHttpRequest, sent to the server under test: the phone's
 * FormData names its file by { uri }, read here from disk into a multipart body.
 */
class LiveXhr extends TestXhr {
  send(form: FormData) {
    const boundary = `sayara-live-${Date.now()}`;
    const files = form.getAll("image") as unknown as { uri: string; name: string; type: string }[];
    const body = Buffer.concat([
      ...files.flatMap((file) => [
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
        readFileSync(fileURLToPath(file.uri)),
        Buffer.from("\r\n"),
      ]),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const headers = { ...Object.fromEntries(this.headers.entries()), "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": String(body.length) };
    const sent = http.request(this.url.replace(API_URL, live!.api), { method: this.method, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => {
        this.status = answer.statusCode ?? 0;
        this.responseText = Buffer.concat(chunks).toString("utf8");
        this.onload?.();
      });
    });
    sent.on("finish", () => this.upload.onprogress?.({ loaded: body.length, total: body.length, lengthComputable: true }));
    sent.on("error", () => this.onerror?.());
    sent.end(body);
  }
}

// The app's Arabic words (fixed: the app turns to Arabic only once it has started).
const t = (key: string, options?: Record<string, unknown>) => i18n.getFixedT("ar")(key, options);
const liveTest = live ? test : test.skip;

liveTest(
  "a seller in Arabic edits their profile and a listing on the real API, seeing the server's own Arabic errors",
  async () => {
    const { token, name, title, phone, phoneError } = live!;
    const first = await renderApp({ token, language: "ar", fetch: toLiveServer, xhr: LiveXhr as unknown as typeof XMLHttpRequest });
    fireEvent.press(await screen.findByRole("button", { name: t("tabs.account") }));
    expect(await screen.findByText(t("account.welcome", { name }))).toBeTruthy();

    fireEvent.changeText(screen.getByLabelText(t("profile.displayName")), `${name} Ali`);
    fireEvent.changeText(screen.getByLabelText(t("profile.phone")), "12");
    fireEvent.press(screen.getByRole("button", { name: t("profile.save") }));
    expect(await screen.findByText(phoneError)).toBeTruthy();
    fireEvent.changeText(screen.getByLabelText(t("profile.phone")), phone);
    fireEvent.press(screen.getByRole("button", { name: t("profile.save") }));
    expect(await screen.findByText(t("profile.saved"))).toBeTruthy();
    expect(screen.getByText(t("account.welcome", { name: `${name} Ali` }))).toBeTruthy();

    fireEvent.press(screen.getByRole("button", { name: t("myListings.title") }));
    expect(await screen.findByText(title)).toBeTruthy();
    expect(screen.getByText(t("myListings.status.active"))).toBeTruthy();
    fireEvent.press(screen.getByRole("button", { name: t("myListings.renew") }));
    expect(await screen.findByText(t("myListings.renewed"))).toBeTruthy();

    fireEvent.press(screen.getByRole("button", { name: t("myListings.edit") }));
    const price = await screen.findByLabelText(t("sell.price", { currency: t("currency.BHD") }));
    expect(price.props.value).toBe("8500.000");
    fireEvent.changeText(price, "8200");
    fireEvent.changeText(screen.getByLabelText(t("sell.description")), "مالك واحد، إطارات جديدة.");
    fireEvent.press(screen.getByRole("button", { name: t("edit.save") }));
    expect(await screen.findByText(t("edit.saved"))).toBeTruthy();
    // A listing made without photos gets its first from the phone's library.
    expect(screen.getByText(t("listing.noPhotos"))).toBeTruthy();
    fireEvent.press(screen.getByRole("button", { name: t("sell.addFromLibrary") }));
    expect(await screen.findByText(t("edit.photoAdded"))).toBeTruthy();
    expect(await screen.findByLabelText(t("sell.removePhoto", { index: 1 }))).toBeTruthy();
    first.unmount();

    // The app starts again on the phone: the listing's numbers, from the seller's stats endpoint.
    await renderApp({ language: "ar", restart: true, fetch: toLiveServer });
    fireEvent.press(await screen.findByRole("button", { name: t("tabs.sell") }));
    fireEvent.press(await screen.findByRole("button", { name: t("myListings.title") }));
    fireEvent.press(await screen.findByRole("button", { name: t("myListings.numbers") }));
    expect(await screen.findByLabelText(`${t("stats.views")}: ${formatNumber(0, "ar")}`)).toBeTruthy();
    expect(screen.getByText(t("stats.none"))).toBeTruthy();
  },
  120_000,
);
