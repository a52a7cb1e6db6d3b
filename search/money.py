"""Money: Decimal in Python and the API, integer minor units of the currency in the index.

The currencies differ in their minor unit: the dinars of Bahrain and Kuwait and
Oman's rial have 3 decimals (fils, baisa), the riyals and the dirham 2
(core/catalog/countries.py). A search never mixes countries, so the amounts it
compares are all in one currency, with one number of decimals.
"""

from decimal import Decimal


def to_minor(amount: Decimal, *, decimals: int) -> int:
    """8500.000 BHD (3 decimals) → 8500000 fils; 85000.50 AED (2) → 8500050."""
    return int((amount * 10**decimals).to_integral_value())


def minor_to_str(minor: int | float, *, decimals: int) -> str:
    """12345678 with 3 decimals → "12345.678", with 2 → "123456.78" (the API's money strings)."""
    minor = round(minor)
    sign = "-" if minor < 0 else ""
    whole, part = divmod(abs(minor), 10**decimals)
    return f"{sign}{whole}.{part:0{decimals}d}" if decimals else f"{sign}{whole}"


def minor_to_decimal(minor: int | float, *, decimals: int) -> Decimal:
    return Decimal(minor_to_str(minor, decimals=decimals))
