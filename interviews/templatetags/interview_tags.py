from django import template

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
