"""Saved-search alerts (issue 6)."""
