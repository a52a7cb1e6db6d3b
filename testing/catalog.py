import factory

from core.catalog.models import CarModel, Make


class MakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Make
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"make-{n}")
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    name_ar = factory.LazyAttribute(lambda o: f"ماركة {o.slug}")


class CarModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CarModel
        django_get_or_create = ("make", "slug")

    make = factory.SubFactory(MakeFactory)
    slug = factory.Sequence(lambda n: f"model-{n}")
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    name_ar = factory.LazyAttribute(lambda o: f"موديل {o.slug}")
    body_type = "sedan"


def toyota_land_cruiser() -> CarModel:
    make = MakeFactory(slug="toyota", name_en="Toyota", name_ar="تويوتا", aliases=["تويوته"])
    return CarModelFactory(make=make, slug="land-cruiser", name_en="Land Cruiser", name_ar="لاند كروزر", body_type="suv")


def catalog_model(make_slug: str, model_slug: str) -> CarModel:
    """A make and model exactly as the catalog data has them (names, aliases)."""
    from core.catalog.services import catalog_data

    make_data = next(m for m in catalog_data()["makes"] if m["slug"] == make_slug)
    model_data = next(m for m in make_data["models"] if m["slug"] == model_slug)
    make, _ = Make.objects.update_or_create(
        slug=make_slug,
        defaults={"name_en": make_data["name_en"], "name_ar": make_data["name_ar"], "aliases": make_data.get("aliases", [])},
    )
    model, _ = CarModel.objects.update_or_create(
        make=make,
        slug=model_slug,
        defaults={
            "name_en": model_data["name_en"],
            "name_ar": model_data["name_ar"],
            "aliases": model_data.get("aliases", []),
            "body_type": model_data["body_type"],
        },
    )
    return model
