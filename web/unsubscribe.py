"""The page an alert e-mail's unsubscribe link opens (core/alerts/unsubscribe.py):
no sign-in, the token is the permission.

GET changes nothing: mail scanners and link previews fetch every link of an
e-mail, so a GET that unsubscribed would unsubscribe people who never clicked.
It asks, with one button. POST acts: the mail client's one-click (RFC 8058,
`List-Unsubscribe=One-Click`) and the page's button unsubscribe; the page's
"subscribe again" button (`action=resubscribe`) undoes it."""

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.alerts.unsubscribe import BadToken, alert_emails_of, alert_emails_switch, unsubscribe_label


@csrf_exempt  # a mail client posts without our cookies; the signed token authorises
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscribe_again = request.method == "POST" and request.POST.get("action") == "resubscribe"
    try:
        if request.method == "GET":
            user, topic = alert_emails_of(token)
        else:
            user, topic = alert_emails_switch(token=token, on=subscribe_again)
    except BadToken:
        body = render_to_string("alerts/unsubscribe.html", {"invalid": True, "language": translation.get_language()})
        return HttpResponse(body, status=404)
    language = user.language
    with translation.override(language):
        body = render_to_string(
            "alerts/unsubscribe.html",
            {
                "language": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
                "asking": request.method == "GET",
                "question": unsubscribe_label(topic),
                "subscribed": subscribe_again,
                "topic": topic.value,
                "action_url": request.path,
            },
        )
    response = HttpResponse(body)
    response["Cache-Control"] = "no-store"
    return response
