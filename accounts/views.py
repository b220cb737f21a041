from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from accounts.forms import SignupForm
from accounts.throttle import (
    client_ip,
    give_back,
    login_attempt,
    login_succeeded,
    login_throttle_message,
    signup_attempt,
    signup_throttle_message,
)


def _too_many(response, wait: int):
    response["Retry-After"] = str(wait)
    return response


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("/")
    if request.method == "GET":
        return render(request, "registration/signup.html", {"form": SignupForm()})
    attempt = signup_attempt(ip=client_ip(request))  # counted first: a burst in parallel cannot slip past
    if attempt.wait:
        form = SignupForm(initial={"username": request.POST.get("username", ""),
                                   "email": request.POST.get("email", "")})
        return _too_many(render(request, "registration/signup.html", {
            "form": form, "throttled": signup_throttle_message(attempt.wait)}, status=429), attempt.wait)
    form = SignupForm(request.POST)
    if not form.is_valid():
        give_back(attempt)  # no account was made: a typo costs nothing
        return render(request, "registration/signup.html", {"form": form})
    user = form.save()
    login(request, user)
    return redirect("/")


class ThrottledLoginView(auth_views.LoginView):
    """Django's sign-in page, refusing (429) after too many failures (accounts/throttle.py)."""

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        self.attempt = login_attempt(username=username, ip=client_ip(request))
        if self.attempt.wait:  # refused before the password is checked: no oracle for a guesser
            form = self.form_class(request, initial={"username": username})
            return _too_many(self.render_to_response(self.get_context_data(
                form=form, throttled=login_throttle_message(self.attempt.wait)), status=429), self.attempt.wait)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        login_succeeded(self.attempt)
        return super().form_valid(form)


def admin_login(request):
    """/admin/login/ (routed before the admin's own URLs): the admin's sign-in page, behind the
    same throttle as the site's page and the API token endpoint."""
    if request.method != "POST":
        return admin.site.login(request)
    username = request.POST.get("username", "")
    attempt = login_attempt(username=username, ip=client_ip(request))
    if attempt.wait:  # the admin's own page, with the reason in its message list
        messages.error(request, login_throttle_message(attempt.wait))
        return _too_many(TemplateResponse(request, "admin/login.html", {
            **admin.site.each_context(request), "title": "Log in", "app_path": request.get_full_path(),
            "form": AdminAuthenticationForm(request, initial={"username": username}),
            "next": request.POST.get("next", ""),
        }, status=429), attempt.wait)
    response = admin.site.login(request)
    if response.status_code == 302:  # AdminSite.login redirects once signed in, and only then
        login_succeeded(attempt)
    return response
