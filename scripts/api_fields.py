"""The listing fields a seller writes, as the API's schema states them, for the
clients' forms (scripts/api_types.sh writes frontend/src/api/listing-fields.json).

Types say what a field holds; a form also needs, at run time, which fields there
are, which a new listing requires and which catalog enum fills each select, and
search needs the names of the catalog enums it filters on. All come from the
schema (ListingWriteRequest, made from core/listings/fields.py, and Enums), so no
client lists them by hand.
"""

import json
import sys
from typing import Any

from core.catalog.enums import ENUMS


def enum_component(name: str) -> str:
    # drf-spectacular names each catalog enum's component this way (web/settings.py, ENUM_NAME_OVERRIDES).
    return "".join(part.title() for part in name.split("_")) + "Enum"


def listing_fields(schema: dict[str, Any]) -> dict[str, Any]:
    write = schema["components"]["schemas"]["ListingWriteRequest"]
    catalog = {enum_component(name): name for name in ENUMS}
    # seller_type shares account_type's component (web/settings.py).
    catalog["AccountTypeEnum"] = "seller_type"
    enums = {}
    for field, spec in write["properties"].items():
        refs = [part["$ref"] for part in spec.get("oneOf", [spec]) if "$ref" in part]
        names = [catalog[ref.rsplit("/", 1)[1]] for ref in refs if ref.rsplit("/", 1)[1] in catalog]
        if names:
            enums[field] = names[0]
    return {
        "fields": list(write["properties"]),
        "required": write.get("required", []),
        "enums": enums,
        # Every catalog enum, as GET /catalog/enums answers them (search filters on each).
        "catalogEnums": list(schema["components"]["schemas"]["Enums"]["properties"]),
    }


if __name__ == "__main__":
    with open(sys.argv[1]) as source:
        fields = listing_fields(json.load(source))
    with open(sys.argv[2], "w") as target:
        json.dump(fields, target, indent=2)
        target.write("\n")
