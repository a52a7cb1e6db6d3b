import { ApiError } from "@/lib/api-client";
import { retryDelay, shouldRetry } from "@/lib/react-query";

describe("query retries", () => {
  it("retries network errors and 5xx twice, but never 4xx or a 503", () => {
    expect(shouldRetry(0, new ApiError(0, null))).toBe(true);
    expect(shouldRetry(1, new ApiError(500, null))).toBe(true);
    expect(shouldRetry(2, new ApiError(500, null))).toBe(false);
    expect(shouldRetry(0, new ApiError(404, null))).toBe(false);
    expect(shouldRetry(0, new ApiError(503, null))).toBe(false);
  });

  it("waits out a short Retry-After once", () => {
    const limited = new ApiError(429, null, 3);
    expect(shouldRetry(0, limited)).toBe(true);
    expect(retryDelay(0, limited)).toBe(3000);
    expect(shouldRetry(1, limited)).toBe(false);
    expect(shouldRetry(0, new ApiError(429, null, 120))).toBe(false);
  });
});
