import { http, HttpResponse } from "msw";
import { api, apiUpload, ApiError, setUnauthorizedHandler } from "@/lib/api-client";
import { FakeXhr } from "@/testing/fake-xhr";
import { state } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";

describe("api client", () => {
  it("sends the CSRF token on unsafe methods and parses JSON", async () => {
    const user = await api.post<{ email: string }>("/auth/login", { email: "a@b.bh", password: "correct-horse" });
    expect(user.email).toBe("a@b.bh");
    const sent = state.requests.find((request) => request.url.endsWith("/auth/login"));
    expect(sent?.headers.get("X-CSRFToken")).toBe("test-csrf");
    expect(sent?.headers.get("Content-Type")).toBe("application/json");
  });

  it("asks for answers in the language the app is shown in", async () => {
    document.documentElement.lang = "ar";
    await api.post("/auth/login", { email: "a@b.bh", password: "correct-horse" });
    document.documentElement.lang = "en";
    const sent = state.requests.find((request) => request.url.endsWith("/auth/login"));
    expect(sent?.headers.get("Accept-Language")).toBe("ar");
  });

  it("asks for the CSRF cookie once when it is missing", async () => {
    document.cookie = "csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/";
    let csrfCalls = 0;
    server.use(
      http.get("*/api/v1/auth/csrf", () => {
        csrfCalls += 1;
        document.cookie = "csrftoken=fresh; path=/";
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await Promise.all([api.put("/me/favorites/1"), api.put("/me/favorites/2")]);
    expect(csrfCalls).toBe(1);
    expect(state.requests.filter((request) => request.method === "PUT").map((request) => request.headers.get("X-CSRFToken"))).toEqual(["fresh", "fresh"]);
  });

  it("raises an ApiError with the field errors of a 400", async () => {
    state.user = { id: 1 } as never;
    const error = await api.post("/listings", { make: "toyota" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.kind).toBe("validation");
    expect(apiError.fieldErrors.year).toEqual(["Must be a whole number between 1950 and 2027."]);
  });

  it("keeps non_field_errors and detail apart from field errors", () => {
    const error = new ApiError(400, { non_field_errors: ["Wrong password."], detail: "Nope.", email: ["Bad."] });
    expect(error.formErrors).toEqual(["Wrong password.", "Nope."]);
    expect(error.fieldErrors).toEqual({ email: ["Bad."] });
  });

  it("reads Retry-After on a 429", async () => {
    server.use(http.get("*/api/v1/search/listings", () => HttpResponse.json({ detail: "Slow down." }, { status: 429, headers: { "Retry-After": "17" } })));
    const error = (await api.get("/search/listings").catch((caught: unknown) => caught)) as ApiError;
    expect(error.kind).toBe("rate_limited");
    expect(error.retryAfter).toBe(17);
  });

  it("marks a 503 as unavailable", async () => {
    state.searchDown = true;
    const error = (await api.get("/search/listings").catch((caught: unknown) => caught)) as ApiError;
    expect(error.kind).toBe("unavailable");
    expect(error.message).toBe("Search is temporarily unavailable.");
  });

  it("calls the sign-in handler on a 401, unless the caller expects one", async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    await api.get("/me", { allowUnauthorized: true }).catch(() => null);
    expect(handler).not.toHaveBeenCalled();
    await api.patch("/me", { display_name: "x" }).catch(() => null);
    expect(handler).toHaveBeenCalledTimes(1);
    setUnauthorizedHandler(null);
  });

  it("builds repeatable query parameters", async () => {
    await api.get("/search/listings", { params: { make: ["toyota", "nissan"], year_min: 2020, q: "" } });
    const url = new URL(state.requests.at(-1)!.url);
    expect(url.searchParams.getAll("make")).toEqual(["toyota", "nissan"]);
    expect(url.searchParams.get("year_min")).toBe("2020");
    expect(url.searchParams.has("q")).toBe(false);
  });
});


describe("apiUpload", () => {
  it("posts multipart with the CSRF header and reports progress", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const seen: number[] = [];
    const form = new FormData();
    form.append("image", new File(["x"], "car.jpg", { type: "image/jpeg" }));
    const upload = apiUpload<{ id: number }>("/listings/5/photos", form, { onProgress: (fraction) => seen.push(fraction) });
    await vi.waitFor(() => expect(FakeXhr.last?.method).toBe("POST"));
    const xhr = FakeXhr.last!;
    expect(xhr.url).toBe("/api/v1/listings/5/photos");
    expect(xhr.headers["X-CSRFToken"]).toBe("test-csrf");
    expect((xhr.body as FormData).get("image")).toBeInstanceOf(File);
    xhr.progress(25, 100);
    xhr.progress(75, 100);
    xhr.respond(201, { id: 9 });
    await expect(upload).resolves.toEqual({ id: 9 });
    expect(seen).toEqual([0.25, 0.75, 1]);
    vi.unstubAllGlobals();
  });

  it("rejects with the API's field errors", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const upload = apiUpload("/listings/5/photos", new FormData());
    await vi.waitFor(() => expect(FakeXhr.last?.method).toBe("POST"));
    FakeXhr.last!.respond(400, { image: ["Upload a JPEG, PNG or WebP image."] });
    const error = (await upload.catch((caught: unknown) => caught)) as ApiError;
    expect(error.fieldErrors.image).toEqual(["Upload a JPEG, PNG or WebP image."]);
    vi.unstubAllGlobals();
  });
});
