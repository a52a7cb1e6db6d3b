"""Django's password rules, with a message its Arabic catalog has.

Django's MinimumLengthValidator words its refusal "%d characters", a message its
Arabic catalog no longer matches (it translates the older "%(min_length)d"), so
Arabic readers were told in English; the same words come from our catalog here.
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
