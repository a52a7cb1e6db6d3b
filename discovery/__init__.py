"""How buyers find cars, where the domain (core) meets the index (search): the
words search understands, facets with their labels, saved-search alerts and
recommendations. Use cases that need both sides live here, so web/ holds only
HTTP, WebSockets and the admin (ARCHITECTURE.md, Folders)."""
