from django import template
from django.template.loader import render_to_string
from django.urls import reverse

from interviews.banner import active_interview_banner

register = template.Library()


@register.filter
def duration(seconds):
    """Seconds as m:ss (or h:mm:ss); a dash when there is nothing to show."""
    if seconds is None or seconds == "":
        return "–"
    total = int(round(float(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.simple_tag(takes_context=True)
def interview_banner(context):
    """base.html's banner while the user's interview runs (interviews.banner: no query once warm).
    Nothing to render on almost every page: the template is rendered only when there is one."""
    request = context.get("request")
    user = getattr(request, "user", None)
    banner = active_interview_banner(user) if user is not None else None
    if banner is not None:
        banner["url"] = reverse("interview_detail", args=[banner["id"]])
        if request.path == banner["url"]:
            banner = None  # the interview's own page has the full countdown
    if banner is not None:
        total = int(-(-banner["remaining"] // 1))  # rounded up, as the timer script shows it
        banner.update(left=f"{total // 60:02d}:{total % 60:02d}", remaining=f"{banner['remaining']:.3f}",
                      deadline_iso=banner["deadline"].isoformat(timespec="milliseconds"))
    return render_to_string("interviews/_banner.html", {"banner": banner}) if banner is not None else ""
