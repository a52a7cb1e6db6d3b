from django.db.models import QuerySet

from core.accounts.models import User
from core.push.models import Device


def devices_of(user: User) -> QuerySet[Device]:
    return Device.objects.filter(user=user)
