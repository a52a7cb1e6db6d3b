import pytest


@pytest.fixture(autouse=True)
def no_recorded_events(db: None) -> None:
    """Start from empty event tables: a worker's beat may have drained other
    tests' searches (the indexer's, for one) into the test database."""
    from core.events.models import ListingEvent, SearchEvent

    SearchEvent.objects.all().delete()
    ListingEvent.objects.all().delete()
