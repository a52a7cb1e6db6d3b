import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, useLocation, useNavigate } from "react-router";
import { useUnreadNotificationCount } from "@/features/account/api/get-unread-notification-count";
import { useUnreadCount } from "@/features/messaging/api/get-unread";
import { CountrySwitch } from "@/app/layout/country-switch";
import { LanguageSwitch } from "@/app/layout/language-switch";
import { CountPill } from "@/components/count-pill";
import { BellIcon, ChatIcon, PlusIcon, SearchIcon, UserIcon } from "@/components/icons";
import { useLogout, useUser } from "@/lib/auth";
import { useCountry } from "@/lib/use-country";

/** Links only signed-in people have, each with what is waiting behind it. */
function SignedInLinks() {
  const { t } = useTranslation();
  const messages = useUnreadCount();
  const notifications = useUnreadNotificationCount();
  return (
    <>
      <NavLink to="/messages" className="header-button">
        <ChatIcon size={18} />
        <span className="header-button-text">{t("nav.messages")}</span>
        <CountPill count={messages} label={t("messages.unread", { count: messages })} />
      </NavLink>
      <NavLink to="/account/notifications" className="header-button" title={t("nav.notifications")}>
        <BellIcon size={18} />
        {/* A bell is understood without a word; the word is kept for screen readers. */}
        <span className="visually-hidden">{t("nav.notifications")}</span>
        <CountPill count={notifications} label={t("notifications.unread", { count: notifications })} />
      </NavLink>
    </>
  );
}

// Insights is a country's page: its link opens the one being browsed (lib/country.ts, countryPath).
const MENU = [
  { to: "/me/listings", key: "nav.myListings" },
  { to: "/account/favorites", key: "nav.favorites" },
  { to: "/account/saved-searches", key: "nav.savedSearches" },
  { to: "/account/notifications", key: "nav.notifications" },
  { to: "/account", key: "nav.account" },
  { to: "/insights", key: "nav.insights" },
];

function AccountMenu({ name }: { name: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const logout = useLogout();
  const navigate = useNavigate();
  const { path } = useCountry();

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div className="account-menu" ref={ref}>
      <button type="button" className="header-button" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)}>
        <UserIcon size={18} />
        <span className="header-button-text">{name}</span>
      </button>
      <div id={menuId} className="account-menu-panel" hidden={!open} onClick={() => setOpen(false)}>
        <ul className="bare-list">
          {MENU.map((item) => (
            <li key={item.to}>
              <Link to={path(item.to)}>{t(item.key)}</Link>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="link-button"
              onClick={() => logout.mutate(undefined, { onSettled: () => navigate("/") })}
            >
              {t("nav.signOut")}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}

export function SiteHeader() {
  const { t } = useTranslation();
  const { data: user } = useUser();
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  const { path } = useCountry();
  return (
    <header className="site-header">
      <div className="container site-header-inner">
        <Link to={path("/")} className="brand" aria-label={t("brand.home")}>
          <span className="brand-mark" aria-hidden="true">
            س
          </span>
          <span className="brand-name">{t("brand.name")}</span>
        </Link>
        <nav className="site-nav" aria-label={t("nav.main")}>
          <NavLink to={path("/search")} className="header-button">
            <SearchIcon size={18} />
            <span className="header-button-text">{t("nav.search")}</span>
          </NavLink>
          <NavLink to="/sell" className="header-button header-button-accent">
            <PlusIcon size={18} />
            <span className="header-button-text">{t("nav.sell")}</span>
          </NavLink>
          {user ? <SignedInLinks /> : null}
        </nav>
        <div className="site-header-end">
          <CountrySwitch />
          <LanguageSwitch />
          {user ? (
            <AccountMenu name={user.display_name || user.email} />
          ) : (
            <Link to={`/sign-in?next=${next}`} className="header-button">
              <UserIcon size={18} />
              <span className="header-button-text">{t("nav.signIn")}</span>
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
