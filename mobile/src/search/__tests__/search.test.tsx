import { fireEvent, screen, waitFor } from "@testing-library/react-native";
import { card, searchAnswer } from "@/testing/fixtures";
import { renderApp } from "@/testing/render";

test("a buyer's words come back as chips of what was understood, and a chip removes its words", async () => {
  const { api } = await renderApp({
    handlers: {
      "/api/v1/search/listings": {
        get: ({ query }) =>
          query.get("q") === "toyota under 5000"
            ? {
                status: 200,
                body: searchAnswer({
                  count: 2,
                  results: [card({ id: 1, title: "Toyota Yaris 2016", price: "4500.000" }), card({ id: 2, title: "Toyota Corolla 2014", price: "4900.000" })],
                  understood: [
                    { field: "make", value: "toyota", text: "toyota" },
                    { field: "price_max", value: "5000.000", text: "under 5000" },
                  ],
                }),
              }
            : { status: 200, body: searchAnswer({ count: 40 }) },
      },
    },
  });

  expect(await screen.findByText("40 cars")).toBeTruthy();
  fireEvent.changeText(screen.getByPlaceholderText(/Search cars/), "toyota under 5000");
  fireEvent(screen.getByPlaceholderText(/Search cars/), "submitEditing");

  expect(await screen.findByText("Toyota Yaris 2016")).toBeTruthy();
  expect(screen.getByText("BHD 4,500")).toBeTruthy();
  expect(screen.getByText("2 cars")).toBeTruthy();
  expect(screen.getByText("Make: Toyota ✕")).toBeTruthy();
  expect(screen.getByText("Price: To BHD 5,000 ✕")).toBeTruthy();

  fireEvent.press(screen.getByLabelText("Remove Price: To BHD 5,000"));
  await waitFor(() => expect(api.sent("/api/v1/search/listings").at(-1)?.query.get("q")).toBe("toyota"));
});

test("filters in the bottom sheet show each value's count and narrow the search", async () => {
  const { api } = await renderApp({
    handlers: {
      "/api/v1/search/listings": {
        get: ({ query }) => ({ status: 200, body: query.getAll("make").includes("nissan") ? searchAnswer({ count: 4, results: [card({ id: 7, title: "Nissan Patrol 2020" })] }) : searchAnswer({ count: 5 }) }),
      },
    },
  });
  fireEvent.press(await screen.findByLabelText("Filters"));
  const nissan = await screen.findByLabelText("Nissan (4)");
  expect(screen.getByLabelText("Toyota (1)")).toBeTruthy();
  fireEvent.press(nissan);
  fireEvent.changeText(screen.getByLabelText("Year From"), "2018");
  fireEvent.press(screen.getByLabelText(/^Show results/));

  expect(await screen.findByText("Nissan Patrol 2020")).toBeTruthy();
  expect(screen.getByLabelText("Filters (2)")).toBeTruthy();
  const last = api.sent("/api/v1/search/listings").at(-1)!;
  expect(last.query.getAll("make")).toEqual(["nissan"]);
  expect(last.query.get("year_min")).toBe("2018");
});

test("a search that finds nothing says which words to drop and shows the nearest cars", async () => {
  const { api } = await renderApp({
    handlers: {
      "/api/v1/search/listings": {
        get: ({ query }) =>
          query.get("q") === "camry under 2000"
            ? {
                status: 200,
                body: searchAnswer({
                  count: 0,
                  results: [],
                  understood: [
                    { field: "model", value: "camry", text: "camry" },
                    { field: "make", value: "toyota", text: "camry" },
                    { field: "price_max", value: "2000.000", text: "under 2000" },
                  ],
                  relax: { text: "under 2000", filters: ["price_max"], count: 12 },
                  nearest: [card({ id: 3, title: "Toyota Camry 2011", price: "2400.000" })],
                }),
              }
            : { status: 200, body: searchAnswer({ count: 12 }) },
      },
    },
  });
  fireEvent.changeText(await screen.findByPlaceholderText(/Search cars/), "camry under 2000");
  fireEvent.press(screen.getByLabelText("Find cars"));

  expect(await screen.findByText("No cars match")).toBeTruthy();
  expect(screen.getByText("Without “under 2000”, 12 cars match.")).toBeTruthy();
  expect(screen.getByText("The nearest cars")).toBeTruthy();
  expect(screen.getByText("Toyota Camry 2011")).toBeTruthy();

  fireEvent.press(screen.getByLabelText("Search without “under 2000”"));
  await waitFor(() => expect(api.sent("/api/v1/search/listings").at(-1)?.query.get("q")).toBe("camry"));
});
