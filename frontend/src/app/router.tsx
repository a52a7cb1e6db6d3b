import { createBrowserRouter } from "react-router";
import { openInCountry } from "@/app/layout/country-routes";
import { routes } from "@/app/routes";

openInCountry();

export const router = createBrowserRouter(routes);
