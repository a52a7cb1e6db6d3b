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
