"""The sizes of a photo (core/listings/photos.py)."""

from core.listings.photos import card_srcset, view_widths


def test_a_cards_sizes_follow_from_its_thumbnails_address():
    url = "/media/listings/7/" + "a" * 32 + "-card-480.webp"

    assert card_srcset(url) == ", ".join(f"/media/listings/7/{'a' * 32}-card-{w}.webp {w}w" for w in (320, 480, 720))
    # Photos stored before the sizes have one thumbnail, and no srcset.
    assert card_srcset("/media/listings/7/" + "a" * 32 + "-thumb.webp") is None
    assert card_srcset(None) is None


def test_a_photo_is_never_enlarged_for_the_gallery():
    assert view_widths(2560) == [640, 1024, 1600]
    assert view_widths(1024) == [640]
    assert view_widths(600) == []
