import { useTranslation } from "react-i18next";
import { NavLink, Route, Routes } from "react-router";
import { NotificationList } from "@/features/account/components/notification-list";
import { PasswordForm } from "@/features/account/components/password-form";
import { PhoneVerification } from "@/features/account/components/phone-verification";
import { ProfileForm } from "@/features/account/components/profile-form";
import { SignedInApps } from "@/features/account/components/signed-in-apps";
import { SavedSearchList } from "@/features/search/components/saved-search-list";
import { AlertEmailsForm } from "@/features/account/components/alert-emails-form";
import { FavoritesList } from "@/features/favorites/components/favorites-list";
import { RecommendationSettingsPanel } from "@/features/recommendations/components/recommendation-settings";
import { useUser } from "@/lib/auth";
import { Page } from "@/components/page";

const TABS = [
  { to: "/account", key: "nav.profile", end: true },
  { to: "/account/password", key: "nav.password" },
  { to: "/account/apps", key: "nav.apps" },
  { to: "/account/favorites", key: "nav.favorites" },
  { to: "/account/saved-searches", key: "nav.savedSearches" },
  { to: "/account/notifications", key: "nav.notifications" },
  { to: "/account/recommendations", key: "nav.recommendations" },
];

export default function AccountRoute() {
  const { t } = useTranslation();
  const { data: user } = useUser();
  if (!user) return null;
  return (
    <Page title={t("nav.account")}>
      <div className="account-layout">
        <nav className="tabs" aria-label={t("nav.account")}>
          {TABS.map((tab) => (
            <NavLink key={tab.to} to={tab.to} end={tab.end} className="tab">
              {t(tab.key)}
            </NavLink>
          ))}
        </nav>
        <div className="account-panel">
          <Routes>
            <Route
              index
              element={
                <div className="stack">
                  <PhoneVerification user={user} />
                  <ProfileForm user={user} />
                </div>
              }
            />
            <Route path="password" element={<PasswordForm />} />
            <Route path="apps" element={<SignedInApps />} />
            <Route path="favorites" element={<FavoritesList />} />
            <Route
              path="saved-searches"
              element={
                <div className="stack">
                  <AlertEmailsForm />
                  <SavedSearchList />
                </div>
              }
            />
            <Route path="notifications" element={<NotificationList />} />
            <Route path="recommendations" element={<RecommendationSettingsPanel />} />
          </Routes>
        </div>
      </div>
    </Page>
  );
}
