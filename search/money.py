"""BHD amounts: Decimal with 3 places in Python and the API, integer fils in the index."""

from decimal import Decimal

FILS_PER_DINAR = 1000


def to_fils(amount: Decimal) -> int:
    return int((amount * FILS_PER_DINAR).to_integral_value())


def fils_to_str(fils: int | float) -> str:
    """12345678 → "12345.678" (the API's money strings)."""
    fils = round(fils)
    sign = "-" if fils < 0 else ""
    whole, part = divmod(abs(fils), FILS_PER_DINAR)
    return f"{sign}{whole}.{part:03d}"
