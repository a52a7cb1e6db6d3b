import { useQueryClient } from "@tanstack/react-query";
import { Suspense, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, ScrollRestoration, useLocation, useNavigate } from "react-router";
import { ChatSocketProvider } from "@/features/messaging/components/chat-socket-provider";
import { SiteFooter } from "@/app/layout/site-footer";
import { SiteHeader } from "@/app/layout/site-header";
import { PageSpinner } from "@/components/spinner";
import { VerifyEmailNotice } from "@/components/verify-email-notice";
import { setUnauthorizedHandler } from "@/lib/api-client";
import { forgetSession, useUser } from "@/lib/auth";
import { isLanguage, setLanguage } from "@/lib/i18n";
import { queryKeys } from "@/lib/query-keys";

const PUBLIC_ONLY = ["/sign-in", "/register", "/forgot-password", "/reset-password", "/verify-email"];

export function AppLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { data: user } = useUser();
  const mainRef = useRef<HTMLElement>(null);
  const here = useRef(location);
  useEffect(() => {
    here.current = location;
  }, [location]);

  // A 401 means the session is gone: forget the user and go to sign-in, then come back.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      forgetSession();
      queryClient.setQueryData(queryKeys.me, null);
      const { pathname, search } = here.current;
      if (PUBLIC_ONLY.includes(pathname)) return;
      navigate(`/sign-in?next=${encodeURIComponent(pathname + search)}`, { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate, queryClient]);

  // A signed-in person's saved language wins over this device's, unless they chose here first.
  const adopted = useRef(false);
  useEffect(() => {
    if (!user || adopted.current) return;
    adopted.current = true;
    let chosenHere: string | null = null;
    try {
      chosenHere = localStorage.getItem("sayara.lang");
    } catch {
      chosenHere = null;
    }
    if (!chosenHere && isLanguage(user.preferred_language)) void setLanguage(user.preferred_language);
  }, [user]);

  // Route changes move focus to the main landmark so screen readers start at the new page.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  // The provider is always there (idle when signed out), so signing in or the
  // user loading never remounts the page under it.
  return (
    <ChatSocketProvider userId={user?.id}>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <SiteHeader />
      <main id="main" ref={mainRef} tabIndex={-1} className="site-main">
        {user && user.email_verified === false && location.pathname !== "/verify-email" ? (
          <div className="container verify-banner">
            <VerifyEmailNotice email={user.email} reason="banner" />
          </div>
        ) : null}
        <Suspense fallback={<PageSpinner />}>
          <Outlet />
        </Suspense>
      </main>
      <SiteFooter />
      <ScrollRestoration />
    </ChatSocketProvider>
  );
}
