from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
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
from config.errors import TooManyRequests, shows_errors

# A refused sign-up or sign-in raises TooManyRequests (429, Retry-After); config.errors'
# middleware answers it with the page below: the form again, the name kept, the reason shown.


def _signup_refused(request, error):
    form = SignupForm(initial={"username": request.POST.get("username", ""), "email": request.POST.get("email", "")})
    return "registration/signup.html", {"form": form, "throttled": error.message}


@require_http_methods(["GET", "POST"])
@shows_errors(page=_signup_refused)
def signup(request):
    if request.user.is_authenticated:
        return redirect("/")
    if request.method == "GET":
        return render(request, "registration/signup.html", {"form": SignupForm()})
    attempt = signup_attempt(ip=client_ip(request))  # counted first: a burst in parallel cannot slip past
    if attempt.wait:
        raise TooManyRequests(signup_throttle_message(attempt.wait), retry_after=attempt.wait)
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
            raise TooManyRequests(login_throttle_message(self.attempt.wait), retry_after=self.attempt.wait)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        login_succeeded(self.attempt)
        return super().form_valid(form)


def _login_refused(request, error):
    view = ThrottledLoginView()
    view.setup(request)
    form = view.form_class(request, initial={"username": request.POST.get("username", "")})
    return view.template_name, view.get_context_data(form=form, throttled=error.message)


login_page = shows_errors(page=_login_refused)(ThrottledLoginView.as_view())


def _admin_login_refused(request, error):
    """The admin's own sign-in page, with the reason in its message list."""
    messages.error(request, error.message)
    return "admin/login.html", {
        **admin.site.each_context(request), "title": "Log in", "app_path": request.get_full_path(),
        "form": AdminAuthenticationForm(request, initial={"username": request.POST.get("username", "")}),
        "next": request.POST.get("next", ""),
    }


@shows_errors(page=_admin_login_refused)
def admin_login(request):
    """/admin/login/ (routed before the admin's own URLs): the admin's sign-in page, behind the
    same throttle as the site's page and the API token endpoint."""
    if request.method != "POST":
        return admin.site.login(request)
    username = request.POST.get("username", "")
    attempt = login_attempt(username=username, ip=client_ip(request))
    if attempt.wait:
        raise TooManyRequests(login_throttle_message(attempt.wait), retry_after=attempt.wait)
    response = admin.site.login(request)
    if response.status_code == 302:  # AdminSite.login redirects once signed in, and only then
        login_succeeded(attempt)
    return response
