"""Every /api/v1/ route (API.md)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from web import unsubscribe
from web.api import (
    accounts,
    alerts,
    analytics,
    catalog,
    devices,
    favorites,
    listings,
    messaging,
    recommendations,
    search,
    sellers,
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    # Auth and account
    path("auth/register", accounts.RegisterApi.as_view()),
    path("auth/login", accounts.LoginApi.as_view()),
    path("auth/logout", accounts.LogoutApi.as_view()),
    path("auth/verify-email", accounts.VerifyEmailApi.as_view()),
    path("auth/verify-email/resend", accounts.VerifyEmailResendApi.as_view()),
    path("auth/token", accounts.TokenApi.as_view()),
    path("auth/csrf", accounts.CsrfApi.as_view()),
    path("auth/password-reset", accounts.PasswordResetApi.as_view()),
    path("auth/password-reset/confirm", accounts.PasswordResetConfirmApi.as_view()),
    path("me", accounts.MeApi.as_view()),
    path("me/password", accounts.PasswordChangeApi.as_view()),
    # Favourites, saved searches and their notifications
    path("me/favorites", favorites.FavoritesApi.as_view()),
    path("me/favorites/ids", favorites.FavoriteIdsApi.as_view()),
    path("me/favorites/<int:listing_id>", favorites.FavoriteDetailApi.as_view()),
    path("me/saved-searches", alerts.SavedSearchesApi.as_view()),
    path("me/saved-searches/<int:saved_search_id>", alerts.SavedSearchDetailApi.as_view()),
    path("me/notifications", alerts.NotificationsApi.as_view()),
    path("me/notifications/unread-count", alerts.NotificationsUnreadCountApi.as_view()),
    path("me/notifications/read", alerts.NotificationsReadApi.as_view()),
    path("me/alert-emails", alerts.AlertEmailSettingsApi.as_view()),
    # An alert e-mail's one-click unsubscribe link: a page, not JSON (web/unsubscribe.py)
    path("unsubscribe/<str:token>", unsubscribe.unsubscribe),
    path("me/tokens", accounts.AccessTokensApi.as_view()),
    path("me/tokens/<int:token_id>", accounts.AccessTokenDetailApi.as_view()),
    path("me/devices", devices.DevicesApi.as_view()),
    path("me/devices/<int:device_id>", devices.DeviceDetailApi.as_view()),
    # Catalog
    path("catalog/makes", catalog.MakesApi.as_view()),
    path("catalog/enums", catalog.EnumsApi.as_view()),
    # Listings
    path("listings", listings.ListingCreateApi.as_view()),
    path("listings/<int:listing_id>", listings.ListingDetailApi.as_view()),
    path("listings/<int:listing_id>/renew", listings.ListingRenewApi.as_view()),
    path("listings/<int:listing_id>/similar", listings.ListingSimilarApi.as_view()),
    path("listings/<int:listing_id>/photos", listings.ListingPhotosApi.as_view()),
    path("listings/<int:listing_id>/photos/order", listings.ListingPhotoOrderApi.as_view()),
    path("listings/<int:listing_id>/photos/<int:photo_id>", listings.ListingPhotoDetailApi.as_view()),
    path("me/listings", listings.MyListingsApi.as_view()),
    # Search
    path("search/listings", search.SearchListingsApi.as_view()),
    path("search/suggest", search.SuggestApi.as_view()),
    # Messaging
    path("conversations", messaging.ConversationsApi.as_view()),
    path("conversations/<int:conversation_id>", messaging.ConversationDetailApi.as_view()),
    path("conversations/<int:conversation_id>/messages", messaging.ConversationMessagesApi.as_view()),
    path("conversations/<int:conversation_id>/read", messaging.ConversationReadApi.as_view()),
    path("conversations/<int:conversation_id>/block", messaging.ConversationBlockApi.as_view()),
    path("conversations/<int:conversation_id>/report", messaging.ConversationReportApi.as_view()),
    path("me/unread", messaging.UnreadApi.as_view()),
    # Analytics
    path("analytics/market", analytics.MarketApi.as_view()),
    path("analytics/aggregate", analytics.AggregateApi.as_view()),
    path("analytics/countries", analytics.CompareCountriesApi.as_view()),
    path("analytics/price-suggestion", analytics.PriceSuggestionApi.as_view()),
    path("analytics/search", analytics.SearchAnalyticsApi.as_view()),
    path("listings/<int:listing_id>/market-value", analytics.ListingMarketValueApi.as_view()),
    path("listings/<int:listing_id>/phone", listings.ListingPhoneApi.as_view()),
    path("me/phone/verify", accounts.PhoneVerifyApi.as_view()),
    path("sellers/<int:seller_id>", sellers.SellerApi.as_view()),
    path("me/listings/<int:listing_id>/stats", sellers.ListingStatsApi.as_view()),
    path("me/phone/confirm", accounts.PhoneConfirmApi.as_view()),
    path("listings/<int:listing_id>/reports", listings.ListingReportsApi.as_view()),
    path("listings/<int:listing_id>/contact-click", analytics.ListingContactClickApi.as_view()),
    # Recommendations
    path("me/recommendations", recommendations.RecommendationsApi.as_view()),
    path("me/recommendations/settings", recommendations.RecommendationSettingsApi.as_view()),
    path("me/recommendations/history", recommendations.RecommendationHistoryApi.as_view()),
    path("listings/<int:listing_id>/also-viewed", recommendations.ListingAlsoViewedApi.as_view()),
    path("listings/<int:listing_id>/engagement", recommendations.ListingEngagementApi.as_view()),
]
