"""The recommender's periodic jobs (docs/decisions/recommendations.md)."""

from celery import shared_task

from core.recommendations.services import neighbors_recompute, signals_purge


@shared_task(name="recommendations.recompute", ignore_result=True)
def recompute_recommendations_task() -> int:
    """Every RECOMMENDATIONS_RECOMPUTE_SECONDS (beat): neighbours and popularity.
    Idempotent; a run that finds another running skips (advisory lock)."""
    return neighbors_recompute()


@shared_task(name="recommendations.purge", ignore_result=True)
def purge_recommendation_signals_task() -> int:
    """Daily (beat): signals past the window, visitors' histories unused for a month."""
    return signals_purge()
