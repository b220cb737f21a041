from django.apps import AppConfig


class ProblemsConfig(AppConfig):
    name = "problems"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from problems.models import Problem
        from problems.selectors import catalog_changed

        post_save.connect(catalog_changed, sender=Problem, dispatch_uid="problems-catalog-changed-save")
        post_delete.connect(catalog_changed, sender=Problem, dispatch_uid="problems-catalog-changed-delete")
