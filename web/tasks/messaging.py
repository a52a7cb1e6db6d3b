"""Messaging notices (issue 7)."""
