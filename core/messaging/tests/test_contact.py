import pytest

from core.messaging.contact import contact_warnings


@pytest.mark.parametrize(
    ("body", "warnings"),
    [
        ("Call 33123456", ["phone_number"]),
        ("my number +973 3312 3456", ["phone_number"]),
        ("00973-3912-3456 anytime", ["phone_number"]),
        ("رقمي ٣٣١٢٣٤٥٦", ["phone_number"]),
        ("see https://example.com/car", ["link"]),
        ("www.cars.bh has more photos", ["link"]),
        ("whatsapp wa.me/97333123456", ["link"]),
        ("write to seller@example.com", ["email"]),
        ("Is the price 8500 BD final? 2019 model, 120000 km", []),
        ("مرحبا، هل السيارة متوفرة؟", []),
        ("Price 8,500.000 BHD", []),
    ],
)
def test_contact_details_are_spotted(body, warnings):
    assert contact_warnings(body) == warnings
