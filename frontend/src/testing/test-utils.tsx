import { render, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { AppProvider } from "@/app/provider";
import { routes } from "@/app/routes";
import { createQueryClient } from "@/lib/react-query";
import { state } from "@/testing/mocks/handlers";
import type { User } from "@/api/models";

/** Renders the whole app (real routes, providers, API client) at a URL, against the MSW backend. */
export function renderApp(url: string, options: { user?: User | null } = {}) {
  if (options.user !== undefined) state.user = options.user;
  if (state.user) localStorage.setItem("sayara.session", "1");
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const user = userEvent.setup();
  const view = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  /** Waits until no request is in flight, so nothing renders behind an assertion's back. */
  const settle = () => waitFor(() => expect(queryClient.isFetching() + queryClient.isMutating()).toBe(0));
  return { ...view, router, user, queryClient, settle };
}

/** The current URL's search params, as the app wrote them. */
export function searchOf(router: ReturnType<typeof createMemoryRouter>): URLSearchParams {
  return new URLSearchParams(router.state.location.search);
}
