"""Towns and areas, each in its region (Bahrain's governorates), from data
(core/catalog/data/places.json): a buyer who types "Sitra" means the cars of
its governorate, since listings record the governorate, not the town."""

import json
from functools import cache
from pathlib import Path

PLACES_FILE = Path(__file__).resolve().parent / "data" / "places.json"


@cache
def places(country: str = "bh") -> list[tuple[str, list[str]]]:
    """(region, every spelling of every town in it) for one country."""
    data = json.loads(PLACES_FILE.read_text(encoding="utf-8"))
    return [(entry["region"], [name for town in entry["names"] for name in town]) for entry in data["countries"].get(country, [])]
