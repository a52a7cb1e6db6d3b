"""Every /api/v1/ route (API.md)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from web.api import accounts, analytics, catalog, listings, search

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    # Auth and account
    path("auth/register", accounts.RegisterApi.as_view()),
    path("auth/login", accounts.LoginApi.as_view()),
    path("auth/logout", accounts.LogoutApi.as_view()),
    path("auth/token", accounts.TokenApi.as_view()),
    path("auth/csrf", accounts.CsrfApi.as_view()),
    path("me", accounts.MeApi.as_view()),
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
    # Analytics
    path("analytics/market", analytics.MarketApi.as_view()),
    path("analytics/aggregate", analytics.AggregateApi.as_view()),
    path("analytics/price-suggestion", analytics.PriceSuggestionApi.as_view()),
    path("analytics/search", analytics.SearchAnalyticsApi.as_view()),
    path("listings/<int:listing_id>/market-value", analytics.ListingMarketValueApi.as_view()),
    path("listings/<int:listing_id>/contact-click", analytics.ListingContactClickApi.as_view()),
]
