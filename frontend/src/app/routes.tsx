import { lazy } from "react";
import type { RouteObject } from "react-router";
import { AppLayout } from "@/app/layout/app-layout";
import { CountryScope, ToCountry } from "@/app/layout/country-routes";
import { RequireAuth } from "@/app/layout/require-auth";
import { RouteError } from "@/app/layout/route-error";

// Route-level code splitting: each page is its own chunk.
const Home = lazy(() => import("@/app/routes/home"));
const Search = lazy(() => import("@/app/routes/search"));
const ListingDetail = lazy(() => import("@/app/routes/listing-detail"));
const Sell = lazy(() => import("@/app/routes/sell"));
const EditListing = lazy(() => import("@/app/routes/edit-listing"));
const MyListings = lazy(() => import("@/app/routes/my-listings"));
const Messages = lazy(() => import("@/app/routes/messages"));
const SignIn = lazy(() => import("@/app/routes/sign-in"));
const Register = lazy(() => import("@/app/routes/register"));
const ForgotPassword = lazy(() => import("@/app/routes/forgot-password"));
const ResetPassword = lazy(() => import("@/app/routes/reset-password"));
const VerifyEmail = lazy(() => import("@/app/routes/verify-email"));
const Account = lazy(() => import("@/app/routes/account"));
const Insights = lazy(() => import("@/app/routes/insights"));
const Seller = lazy(() => import("@/app/routes/seller"));
const ListingStatsPage = lazy(() => import("@/app/routes/listing-stats"));
const NotFound = lazy(() => import("@/app/routes/not-found"));

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      // The buyer pages and insights are a country's (/bh/search, /bh/insights); their bare URLs open in one (app/layout/country-routes.tsx).
      {
        path: ":country",
        element: <CountryScope notFound={<NotFound />} />,
        children: [
          { index: true, element: <Home /> },
          { path: "search", element: <Search /> },
          { path: "listings/:id", element: <ListingDetail /> },
          { path: "insights", element: <Insights /> },
        ],
      },
      { index: true, element: <ToCountry /> },
      { path: "search", element: <ToCountry /> },
      { path: "listings/:id", element: <ToCountry /> },
      { path: "insights", element: <ToCountry /> },
      { path: "sellers/:id", element: <Seller /> },
      { path: "sign-in", element: <SignIn /> },
      { path: "register", element: <Register /> },
      { path: "forgot-password", element: <ForgotPassword /> },
      { path: "reset-password", element: <ResetPassword /> },
      { path: "verify-email", element: <VerifyEmail /> },
      {
        element: <RequireAuth />,
        children: [
          { path: "sell", element: <Sell /> },
          { path: "listings/:id/edit", element: <EditListing /> },
          { path: "me/listings", element: <MyListings /> },
          { path: "me/listings/:id/stats", element: <ListingStatsPage /> },
          { path: "messages", element: <Messages /> },
          { path: "messages/:id", element: <Messages /> },
          { path: "account/*", element: <Account /> },
        ],
      },
      { path: "*", element: <NotFound /> },
    ],
  },
];
