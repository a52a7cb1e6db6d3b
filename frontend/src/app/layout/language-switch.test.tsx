import { screen, waitFor } from "@testing-library/react";
import { buyer } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { renderApp } from "@/testing/test-utils";

describe("language", () => {
  it("switches the whole interface to Arabic, right to left, and remembers it", async () => {
    const { user } = renderApp("/search");
    await screen.findByText("5 cars");
    expect(document.documentElement).toHaveAttribute("dir", "ltr");
    await user.click(screen.getByRole("button", { name: "العربية" }));
    await waitFor(() => expect(document.documentElement).toHaveAttribute("dir", "rtl"));
    expect(document.documentElement).toHaveAttribute("lang", "ar");
    expect(localStorage.getItem("sayara.lang")).toBe("ar");
    expect(await screen.findByText("18,500.000 د.ب")).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "الماركة" })).toBeInTheDocument();
    expect(screen.getByText("تويوتا لاندكروزر", { exact: false })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "English" }));
    await waitFor(() => expect(document.documentElement).toHaveAttribute("dir", "ltr"));
  });

  it("saves the choice on the account when signed in", async () => {
    const { user } = renderApp("/", { user: buyer });
    await screen.findByRole("button", { name: "Fatima" });
    await user.click(screen.getByRole("button", { name: "العربية" }));
    await waitFor(() => expect(state.requests.find((request) => request.method === "PATCH")?.body).toEqual({ preferred_language: "ar" }));
  });
});
