"""Sellers as buyers see them (a public profile) and as they see themselves
(numbers per listing): reads across listings, messaging, favourites and events."""
