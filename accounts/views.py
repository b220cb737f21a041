from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.forms import SignupForm
from accounts.throttle import (client_ip, login_failure_record, login_success_clear, login_throttle_message,
                               login_throttle_wait)


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("/")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user)
        return redirect("/")
    return render(request, "registration/signup.html", {"form": form})


class ThrottledLoginView(auth_views.LoginView):
    """Django's sign-in page, refusing (429) after too many failures (accounts/throttle.py)."""

    def post(self, request, *args, **kwargs):
        username, ip = request.POST.get("username", ""), client_ip(request)
        wait = login_throttle_wait(username=username, ip=ip)
        if wait:  # refused before the password is checked: no oracle for a guesser
            form = self.form_class(request, initial={"username": username})
            response = self.render_to_response(self.get_context_data(
                form=form, throttled=login_throttle_message(wait)), status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        login_success_clear(username=self.request.POST.get("username", ""), ip=client_ip(self.request))
        return super().form_valid(form)

    def form_invalid(self, form):
        login_failure_record(username=self.request.POST.get("username", ""), ip=client_ip(self.request))
        return super().form_invalid(form)
