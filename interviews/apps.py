from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interviews"
    verbose_name = "Mock interviews"

    def ready(self):
        # The judge sits below this app and may not import it (docs/architecture.md): it asks
        # for an interview's rules through judge.hooks, registered here.
        from interviews.selectors import interview_get_for_user
        from interviews.services import interview_lock_for_submission
        from judge.hooks import interview_hooks

        interview_hooks.register(get_for_user=interview_get_for_user,
                                 lock_for_submission=interview_lock_for_submission)
