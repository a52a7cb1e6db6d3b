import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { i18n } from "@/lib/i18n";
import { resetState } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";

// The first render of a route loads its lazy chunk; give queries room on a busy machine.
configure({ asyncUtilTimeout: 10_000 });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(async () => {
  resetState();
  localStorage.clear();
  document.cookie = "csrftoken=test-csrf; path=/";
  await i18n.changeLanguage("en");
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

// jsdom lacks these browser APIs the app touches.
window.scrollTo = () => {};
Element.prototype.scrollIntoView = function scrollIntoView() {};
