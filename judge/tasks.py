from celery import shared_task

from judge.services import JudgeRetry, submission_judge


@shared_task(bind=True, max_retries=5)
def judge_submission(self, submission_id: int):
    try:
        submission_judge(submission_id)
    except JudgeRetry as exc:
        raise self.retry(countdown=exc.countdown) from exc
