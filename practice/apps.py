from django.apps import AppConfig


class PracticeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "practice"

    def ready(self):
        # Interviews sit below this app and may not import it (docs/architecture.md): a code-review
        # round's report asks for the bug of each drill through interviews.hooks, registered here.
        from interviews.hooks import drill_round_hooks
        from practice.drill_selectors import variant_mistake

        drill_round_hooks.register(reveal=variant_mistake)
