"""Photos for demo listings, drawn locally with Pillow (no downloads): a car of
the listing's body type and colour from a few angles, on a few backgrounds.

Each picture (body type × colour × angle) is drawn once and goes through the
upload pipeline once (core/listings/photos.process_photo: the stored JPEG, the
card and gallery WebP sizes); the result is kept in a library under
MEDIA_ROOT/demo-library, and every demo photo is a hard link to it under its
listing's folder, named as an upload would be. So seeding costs one pipeline
run per picture, not per photo, and the links take no disk space; deleting a
demo photo deletes its own links only. Storage without a local path (S3) gets
copies instead.
"""

import io
import math
import os
import random
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFilter

from core.listings.models import Listing, ListingPhoto
from core.listings.photos import THUMBNAIL_WIDTH, process_photo

# Bump when the drawings change: a new library is drawn beside the old one.
LIBRARY_VERSION = "v1"
WIDTH, HEIGHT = 960, 720
SCALE = 2  # drawn at twice the size and reduced: smooth edges without antialiasing
ANGLES = ("side", "front", "rear", "detail", "away")
BACKGROUNDS = ("showroom", "street", "desert")

COLOURS = {
    "white": (236, 237, 235),
    "black": (28, 29, 33),
    "silver": (190, 195, 200),
    "grey": (112, 117, 124),
    "red": (170, 28, 34),
    "blue": (28, 68, 150),
    "beige": (212, 194, 158),
    "brown": (104, 68, 46),
    "gold": (192, 156, 78),
    "green": (36, 104, 66),
    "yellow": (228, 186, 36),
    "orange": (222, 112, 28),
    "other": (88, 42, 108),
}


@dataclass(frozen=True)
class Shape:
    """A side profile, in fractions of the car's length (x, front at 0) and of its box's height (y, top at 0)."""

    length: float  # of the picture's width
    height: float  # of the picture's height
    hood: float  # y of the nose
    belt: float  # y of the window line
    roof: float | None  # y of the roof; None: open top
    windshield: tuple[float, float]  # x at the belt, x at the roof
    rear_pillar: tuple[float, float]  # x at the roof, x at the belt
    tail: float  # y of the rear deck
    wheel: float  # radius, of the box's height
    bed: bool = False  # a pickup's open bed behind the cabin


SHAPES = {
    "sedan": Shape(0.78, 0.34, 0.50, 0.44, 0.12, (0.30, 0.42), (0.66, 0.80), 0.46, 0.16),
    "suv": Shape(0.76, 0.44, 0.38, 0.40, 0.06, (0.24, 0.34), (0.90, 0.95), 0.38, 0.17),
    "hatchback": Shape(0.64, 0.38, 0.50, 0.44, 0.10, (0.30, 0.44), (0.84, 0.96), 0.46, 0.16),
    "coupe": Shape(0.76, 0.30, 0.52, 0.46, 0.14, (0.34, 0.48), (0.62, 0.86), 0.48, 0.17),
    "convertible": Shape(0.72, 0.36, 0.46, 0.42, None, (0.36, 0.44), (0.60, 0.70), 0.44, 0.15),
    "pickup": Shape(0.84, 0.42, 0.40, 0.40, 0.06, (0.26, 0.34), (0.52, 0.54), 0.40, 0.17, bed=True),
    "van": Shape(0.80, 0.50, 0.40, 0.36, 0.02, (0.12, 0.24), (0.97, 0.98), 0.36, 0.14),
    "wagon": Shape(0.80, 0.34, 0.50, 0.44, 0.12, (0.30, 0.42), (0.90, 0.95), 0.44, 0.16),
}

WINDOW = (36, 46, 58)
TYRE = (24, 24, 26)
RIM = (182, 186, 192)


def _shade(colour: tuple[int, int, int], factor: float) -> tuple[int, int, int]:
    return tuple(max(0, min(255, round(c * factor))) for c in colour)  # type: ignore[return-value]


def _gradient(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], top: tuple[int, ...], bottom: tuple[int, ...]) -> None:
    x0, y0, x1, y1 = box
    for y in range(y0, y1):
        t = (y - y0) / max(1, y1 - y0 - 1)
        draw.line([(x0, y), (x1, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))


def _background(draw: ImageDraw.ImageDraw, kind: str, w: int, h: int, horizon: int) -> None:
    if kind == "showroom":
        _gradient(draw, (0, 0, w, horizon), (214, 218, 224), (242, 243, 245))
        _gradient(draw, (0, horizon, w, h), (196, 199, 204), (160, 164, 170))
        for x in range(0, w, w // 6):
            draw.rectangle([x + w // 40, h // 12, x + w // 8, h // 12 + h // 60], fill=(250, 250, 252))
    elif kind == "street":
        _gradient(draw, (0, 0, w, horizon), (128, 180, 232), (214, 232, 248))
        rng = random.Random(w)
        x = 0
        while x < w:
            width, height = rng.randint(w // 12, w // 6), rng.randint(h // 8, h // 3)
            tone = rng.randint(150, 205)
            draw.rectangle([x, horizon - height, x + width, horizon], fill=(tone, tone - 8, tone - 18))
            x += width + rng.randint(0, w // 40)
        _gradient(draw, (0, horizon, w, h), (98, 102, 108), (72, 75, 80))
        draw.rectangle([0, horizon, w, horizon + h // 90], fill=(200, 200, 196))
    else:  # desert
        _gradient(draw, (0, 0, w, horizon), (246, 212, 164), (252, 238, 218))
        draw.ellipse([-w // 4, horizon - h // 10, w // 2, horizon + h // 6], fill=(226, 186, 126))
        draw.ellipse([w // 3, horizon - h // 14, w + w // 4, horizon + h // 6], fill=(218, 174, 112))
        _gradient(draw, (0, horizon, w, h), (224, 184, 124), (204, 160, 100))


def _side(draw: ImageDraw.ImageDraw, shape: Shape, colour: tuple[int, int, int], w: int, h: int, ground: int) -> None:
    length, box_h = shape.length * w, shape.height * h
    left, top = (w - length) / 2, ground - box_h

    def at(x: float, y: float) -> tuple[float, float]:
        return (left + x * length, top + y * box_h)

    r = shape.wheel * box_h * 1.55
    wheels = (0.18, 0.80) if not shape.bed else (0.16, 0.82)
    axle = 0.86
    draw.ellipse([at(0.05, 0.93)[0], ground - r * 0.18, at(0.95, 0.93)[0], ground + r * 0.18], fill=(0, 0, 0, 90))
    body = [at(0.0, 0.84), at(0.0, shape.hood + 0.06), at(0.03, shape.hood), at(shape.windshield[0] - 0.04, shape.belt)]
    body += [at(shape.rear_pillar[1], shape.belt), at(0.98, shape.tail), at(1.0, shape.tail + 0.08), at(1.0, 0.84)]
    if shape.bed:
        body[4:5] = [at(shape.rear_pillar[1], shape.belt), at(shape.rear_pillar[1] + 0.02, shape.belt + 0.02)]
    draw.polygon(body, fill=colour)
    # Lower flank in shade, a highlight along the shoulder.
    draw.polygon([at(0.0, 0.66), at(1.0, 0.66), at(1.0, 0.84), at(0.0, 0.84)], fill=_shade(colour, 0.78))
    draw.line([at(0.04, shape.belt + 0.06), at(0.97, shape.tail + 0.06)], fill=_shade(colour, 1.25), width=max(2, w // 300))
    if shape.roof is not None:
        cabin = [at(shape.windshield[0], shape.belt), at(shape.windshield[1], shape.roof)]
        cabin += [at(shape.rear_pillar[0], shape.roof), at(shape.rear_pillar[1], shape.belt)]
        draw.polygon(cabin, fill=colour)
        inset = 0.025
        glass = [at(shape.windshield[0] + inset * 2, shape.belt - 0.01), at(shape.windshield[1] + inset, shape.roof + 0.04)]
        glass += [at(shape.rear_pillar[0] - inset, shape.roof + 0.04), at(shape.rear_pillar[1] - inset * 2, shape.belt - 0.01)]
        draw.polygon(glass, fill=WINDOW)
        pillar = (shape.windshield[1] + shape.rear_pillar[0]) / 2
        draw.line([at(pillar, shape.roof + 0.03), at(pillar + 0.01, shape.belt)], fill=colour, width=max(3, w // 160))
        draw.line(
            [at(shape.windshield[1] + 0.04, shape.roof + 0.06), at(pillar - 0.06, shape.belt - 0.04)],
            fill=(80, 94, 110),
            width=max(2, w // 200),
        )
    else:
        draw.line(
            [at(shape.windshield[0], shape.belt), at(shape.windshield[1], shape.belt - 0.22)], fill=WINDOW, width=max(4, w // 120)
        )
        draw.ellipse([*at(0.58, shape.belt - 0.16), *at(0.63, shape.belt)], fill=_shade(colour, 0.5))
    # Doors, handle, lights.
    for x in (shape.windshield[0] + 0.06, (shape.windshield[1] + shape.rear_pillar[0]) / 2 + 0.01):
        draw.line([at(x, shape.belt + 0.02), at(x, 0.78)], fill=_shade(colour, 0.6), width=max(2, w // 400))
    draw.rectangle([*at(0.01, shape.hood + 0.04), *at(0.07, shape.hood + 0.10)], fill=(250, 246, 220))
    draw.rectangle([*at(0.955, shape.tail + 0.06), *at(0.995, shape.tail + 0.14)], fill=(200, 20, 24))
    for x in wheels:
        cx, cy = at(x, axle)
        draw.ellipse([cx - r * 1.12, cy - r * 1.12, cx + r * 1.12, cy + r * 0.4], fill=_shade(colour, 0.35))
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=TYRE)
        draw.ellipse([cx - r * 0.62, cy - r * 0.62, cx + r * 0.62, cy + r * 0.62], fill=RIM)
        for spoke in range(5):
            angle = spoke * 72
            dx, dy = _polar(r * 0.58, angle)
            draw.line([(cx, cy), (cx + dx, cy + dy)], fill=_shade(RIM, 0.7), width=max(3, w // 200))
        draw.ellipse([cx - r * 0.14, cy - r * 0.14, cx + r * 0.14, cy + r * 0.14], fill=_shade(RIM, 0.6))


def _polar(radius: float, degrees: float) -> tuple[float, float]:
    return radius * math.cos(math.radians(degrees)), radius * math.sin(math.radians(degrees))


def _end_on(
    draw: ImageDraw.ImageDraw, shape: Shape, colour: tuple[int, int, int], w: int, h: int, ground: int, *, front: bool
) -> None:
    """The car seen from the front or the back."""
    width, box_h = w * 0.5, shape.height * h * 1.05
    left, top = (w - width) / 2, ground - box_h
    belt, roof = top + box_h * shape.belt, top + box_h * (shape.roof if shape.roof is not None else shape.belt)
    draw.ellipse([left - width * 0.08, ground - box_h * 0.06, left + width * 1.08, ground + box_h * 0.08], fill=(0, 0, 0, 90))
    tyre_w = width * 0.13
    for x in (left + width * 0.04, left + width * 0.96 - tyre_w):
        draw.rounded_rectangle([x, ground - box_h * 0.22, x + tyre_w, ground], radius=tyre_w / 4, fill=TYRE)
    draw.rounded_rectangle([left, belt, left + width, ground - box_h * 0.1], radius=width / 14, fill=colour)
    if shape.roof is not None:
        draw.polygon(
            [(left + width * 0.08, belt), (left + width * 0.2, roof), (left + width * 0.8, roof), (left + width * 0.92, belt)],
            fill=colour,
        )
        draw.polygon(
            [
                (left + width * 0.13, belt - 2),
                (left + width * 0.23, roof + box_h * 0.04),
                (left + width * 0.77, roof + box_h * 0.04),
                (left + width * 0.87, belt - 2),
            ],
            fill=WINDOW,
        )
    draw.rectangle([left, ground - box_h * 0.3, left + width, ground - box_h * 0.1], fill=_shade(colour, 0.7))
    lamp_y0, lamp_y1 = belt + box_h * 0.1, belt + box_h * 0.2
    lamp = (250, 246, 220) if front else (196, 18, 22)
    draw.rounded_rectangle([left + width * 0.05, lamp_y0, left + width * 0.25, lamp_y1], radius=6, fill=lamp)
    draw.rounded_rectangle([left + width * 0.75, lamp_y0, left + width * 0.95, lamp_y1], radius=6, fill=lamp)
    if front:
        draw.rounded_rectangle(
            [left + width * 0.3, lamp_y0, left + width * 0.7, belt + box_h * 0.32], radius=8, fill=(30, 32, 36)
        )
        for i in range(1, 4):
            y = lamp_y0 + (belt + box_h * 0.32 - lamp_y0) * i / 4
            draw.line([(left + width * 0.32, y), (left + width * 0.68, y)], fill=(90, 94, 100), width=3)
    else:
        draw.rectangle([left + width * 0.38, belt + box_h * 0.24, left + width * 0.62, belt + box_h * 0.33], fill=(246, 246, 240))


def draw_car(*, body_type: str, colour: str, angle: str, background: str) -> Image.Image:
    """One demo picture, WIDTH × HEIGHT, RGB."""
    shape = SHAPES.get(body_type, SHAPES["sedan"])
    rgb = COLOURS.get(colour, COLOURS["other"])
    w, h = WIDTH * SCALE, HEIGHT * SCALE
    image = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(image, "RGBA")
    horizon = int(h * 0.58)
    _background(draw, background, w, h, horizon)
    ground = int(h * 0.84)
    if angle in ("side", "detail", "away"):
        _side(draw, shape, rgb, w, h, ground)
    else:
        _end_on(draw, shape, rgb, w, h, ground, front=angle == "front")
    if angle == "away":
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    if angle == "detail":
        # Close on the front wheel and the headlight.
        crop_w = int(w * 0.5)
        x0 = int((w - shape.length * w) / 2) - w // 40
        image = image.crop((max(0, x0), h - int(crop_w * 0.75) - h // 20, max(0, x0) + crop_w, h - h // 20))
    image = image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    return image.filter(ImageFilter.SMOOTH) if angle == "detail" else image


# --- the library and the links -----------------------------------------------------------


@dataclass(frozen=True)
class Picture:
    """A drawn picture after the pipeline: its files' suffixes ("" is the stored image) under a library stem."""

    stem: str
    ext: str
    suffixes: tuple[str, ...]
    width: int
    height: int


class Library:
    """Pictures drawn and processed on first use, kept on disk for the next seeding."""

    def __init__(self) -> None:
        self.root = f"demo-library/{LIBRARY_VERSION}"
        self._pictures: dict[tuple[str, str, str, str], Picture] = {}

    def picture(self, body_type: str, colour: str, angle: str, background: str) -> Picture:
        key = (body_type, colour, angle, background)
        if key not in self._pictures:
            self._pictures[key] = self._load(key) or self._make(key)
        return self._pictures[key]

    def _load(self, key: tuple[str, str, str, str]) -> Picture | None:
        stem = f"{self.root}/{'-'.join(key)}"
        marker = f"{stem}.done"
        if not default_storage.exists(marker):
            return None
        ext, width, height, *suffixes = default_storage.open(marker).read().decode().split()
        return Picture(stem=stem, ext=ext, suffixes=tuple(suffixes), width=int(width), height=int(height))

    def _make(self, key: tuple[str, str, str, str]) -> Picture:
        body_type, colour, angle, background = key
        out = io.BytesIO()
        draw_car(body_type=body_type, colour=colour, angle=angle, background=background).save(out, "JPEG", quality=92)
        processed = process_photo(io.BytesIO(out.getvalue()), out.tell())
        stem = f"{self.root}/{'-'.join(key)}"
        for name in (f"{stem}.{processed.ext}", *(f"{stem}-{suffix}.webp" for suffix in processed.sizes)):
            if default_storage.exists(name):
                default_storage.delete(name)
        default_storage.save(f"{stem}.{processed.ext}", ContentFile(processed.image))
        for suffix, data in processed.sizes.items():
            default_storage.save(f"{stem}-{suffix}.webp", ContentFile(data))
        width, height = processed.size
        # Written last: a library interrupted mid-picture redraws it.
        default_storage.save(
            f"{stem}.done", ContentFile(" ".join([processed.ext, str(width), str(height), *processed.sizes]).encode())
        )
        return Picture(stem=stem, ext=processed.ext, suffixes=tuple(processed.sizes), width=width, height=height)


def _place(source: str, target: str) -> None:
    """`target` holds `source`'s bytes: a hard link on the local disk, a copy elsewhere."""
    try:
        src, dst = Path(default_storage.path(source)), Path(default_storage.path(target))
    except NotImplementedError:
        with default_storage.open(source) as data:
            default_storage.save(target, data)
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        dst.write_bytes(src.read_bytes())


def scene(colour: str, angle: str, variant: int = 0) -> str:
    """The background of a picture: varied across colours and angles, fixed for
    each, so the library stays at body types × colours × angles pictures."""
    return BACKGROUNDS[(sum(map(ord, colour)) + ANGLES.index(angle) + variant) % len(BACKGROUNDS)]


# A listing's photos, in order: its first four, then one or two more, as sellers shoot them.
SHOTS = (("side", 0), ("front", 0), ("rear", 0), ("away", 0), ("detail", 0), ("side", 1))


def photos_for(listings: Iterable[Listing], *, rng: random.Random, library: Library) -> list[ListingPhoto]:
    """3–6 photos per listing (side view first), their files in place; the rows to insert."""
    rows = []
    for listing in listings:
        colour = listing.exterior_color or "other"
        for position, (angle, variant) in enumerate(SHOTS[: rng.randint(3, 6)]):
            picture = library.picture(listing.body_type, colour, angle, scene(colour, angle, variant))
            name = uuid.UUID(int=rng.getrandbits(128)).hex
            folder = f"listings/{listing.pk}"
            _place(f"{picture.stem}.{picture.ext}", f"{folder}/{name}.{picture.ext}")
            for suffix in picture.suffixes:
                _place(f"{picture.stem}-{suffix}.webp", f"{folder}/{name}-{suffix}.webp")
            rows.append(
                ListingPhoto(
                    listing=listing,
                    image=f"{folder}/{name}.{picture.ext}",
                    thumbnail=f"{folder}/{name}-card-{THUMBNAIL_WIDTH}.webp",
                    width=picture.width,
                    height=picture.height,
                    position=position,
                )
            )
    return rows


__all__ = ["Library", "draw_car", "photos_for"]
