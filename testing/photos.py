"""Photos with detail enough to be told apart (core/listings/photo_hashes.py), made locally:
a plain colour hashes like every other plain colour."""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def scene(seed: int, size: tuple[int, int] = (640, 480)) -> Image.Image:
    """A photo of its own for each seed: coloured blocks, enlarged smoothly."""
    rng = random.Random(seed)
    blocks = Image.new("RGB", (8, 6))
    blocks.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(8 * 6)])
    return blocks.resize(size, Image.Resampling.BICUBIC)


def photo_file(seed: int, *, size: tuple[int, int] = (640, 480), fmt: str = "PNG", quality: int = 90) -> bytes:
    out = io.BytesIO()
    scene(seed, size).save(out, fmt, **({"quality": quality} if fmt == "JPEG" else {}))
    return out.getvalue()


def upload(seed: int, **options: object) -> SimpleUploadedFile:
    """The photo as a form upload; a copy re-saved smaller as JPEG: upload(seed, size=(480, 360), fmt="JPEG")."""
    fmt = str(options.get("fmt", "PNG"))
    data = photo_file(seed, **options)  # type: ignore[arg-type]
    return SimpleUploadedFile(f"car.{fmt.lower()}", data, content_type=f"image/{fmt.lower()}")


def plain_upload() -> SimpleUploadedFile:
    """A plain colour: no detail, no hash."""
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (200, 30, 30)).save(out, "PNG")
    return SimpleUploadedFile("plain.png", out.getvalue(), content_type="image/png")
