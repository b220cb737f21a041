"""The submissions API (contract: /api/submissions/...). Thin: parse, call a service or a
permission-checked selector, shape JSON. Someone else's submission is a 404."""

from django.core.cache import caches
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.generics import get_object_or_404
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from config.api import PAGE_PARAMETER, SIGNED_IN, error_responses, paginated
from config.api_input import TextField
from judge.history import history_filters
from judge.hooks import interview_hooks
from judge.models import Mode
from judge.progress import progress_get
from judge.selectors import submission_get_for_user, submission_list_for_user, submission_previous_id
from judge.services import submission_create
from judge.verdicts import Status, Verdict
from problems.models import Problem

TAGS = ["submissions"]
# What a caller may submit here; drills go through /api/review/<id>/submissions/, which names the bug.
SUBMIT_MODES = [(Mode.RUN.value, Mode.RUN.label), (Mode.SUBMIT.value, Mode.SUBMIT.label)]


class SubmissionCreateSerializer(serializers.Serializer):
    problem = serializers.SlugField()
    language = serializers.CharField(default="go")
    code = TextField(trim_whitespace=False, allow_blank=True)
    mode = serializers.ChoiceField(choices=SUBMIT_MODES, default=Mode.SUBMIT)
    # Run only: the caller's own _test.go cases, judged with the visible examples.
    custom_tests = TextField(trim_whitespace=False, allow_blank=True, required=False, default="")
    # A mock interview's id: late submissions to it are refused with 409.
    interview = serializers.IntegerField(required=False, allow_null=True, default=None)


class TestResultSerializer(serializers.Serializer):
    name = serializers.CharField()
    status = serializers.CharField()
    duration_ms = serializers.IntegerField()
    message = serializers.CharField()


class BenchmarkBudgetSerializer(serializers.Serializer):
    time_ratio = serializers.FloatField(help_text="The most the submission may take, as a multiple of the reference.")
    allocs_per_op = serializers.IntegerField(allow_null=True, help_text="Exact allocations allowed, when budgeted.")


class BenchmarkSerializer(serializers.Serializer):
    """Medians over the rounds, the submission's next to the reference's."""

    name = serializers.CharField()
    ns_per_op = serializers.FloatField()
    bytes_per_op = serializers.FloatField()
    allocs_per_op = serializers.FloatField()
    reference_ns_per_op = serializers.FloatField()
    reference_bytes_per_op = serializers.FloatField()
    reference_allocs_per_op = serializers.FloatField()
    time_ratio = serializers.FloatField(allow_null=True)
    budget = BenchmarkBudgetSerializer()
    passed = serializers.BooleanField()


class JudgingProgressSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=["building", "tests", "benchmarks"])
    done = serializers.IntegerField(required=False)
    total = serializers.IntegerField(required=False)


# Plain serializers with the fields a ModelSerializer would derive from Submission (the same
# schema): a ModelSerializer derives them again for every object it serializes, a sixth of what
# the submission status API cost.
class SubmissionListSerializer(serializers.Serializer):
    id = serializers.BigIntegerField(label="ID", read_only=True)
    # The problem's slug (what the ModelSerializer's SlugRelatedField gave; a plain serializer's
    # related field has no model for the schema to read its type from).
    problem = serializers.CharField(source="problem.slug", read_only=True)
    language = serializers.CharField(max_length=20, required=False)
    mode = serializers.ChoiceField(choices=Mode.choices, required=False)
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    verdict = serializers.ChoiceField(choices=Verdict.choices, allow_blank=True, required=False)
    message = serializers.CharField(allow_blank=True, required=False)
    created_at = serializers.DateTimeField(read_only=True)
    started_at = serializers.DateTimeField(allow_null=True, required=False)
    finished_at = serializers.DateTimeField(allow_null=True, required=False)
    interview = serializers.IntegerField(source="interview_id", allow_null=True, required=False)


class SubmissionDetailSerializer(SubmissionListSerializer):
    code = serializers.CharField()
    custom_tests = serializers.CharField(allow_blank=True, required=False)
    compile_output = serializers.CharField(allow_blank=True, required=False)
    tests = TestResultSerializer(many=True, source="finished_tests")
    benchmarks = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField(
        help_text="While judging: what the judge is doing (display only); null once done or when unknown.")
    previous = serializers.SerializerMethodField(
        help_text="Your submission of the same problem just before this one (to diff against), if any.")

    def to_representation(self, submission):
        if not submission.is_done or submission.finished_at is None:
            return super().to_representation(submission)
        # A judged submission never changes (a rejudge gives it a new finished_at), and clients
        # poll it: its representation is built once per process.
        key = f"api-submission:{submission.pk}:{submission.finished_at.isoformat()}"
        data = caches["render"].get(key)
        if data is None:
            data = super().to_representation(submission)
            caches["render"].set(key, data)
        return data

    @extend_schema_field(JudgingProgressSerializer(allow_null=True))
    def get_progress(self, submission):
        return None if submission.is_done else progress_get(submission.pk)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_previous(self, submission):
        return submission_previous_id(submission)

    @extend_schema_field(BenchmarkSerializer(many=True))
    def get_benchmarks(self, submission):
        return [
            {"name": b.name, "ns_per_op": b.ns_per_op, "bytes_per_op": b.bytes_per_op, "allocs_per_op": b.allocs_per_op,
             "reference_ns_per_op": b.reference_ns_per_op, "reference_bytes_per_op": b.reference_bytes_per_op,
             "reference_allocs_per_op": b.reference_allocs_per_op, "time_ratio": b.time_ratio,
             "budget": {"time_ratio": b.max_time_ratio, "allocs_per_op": b.max_allocs_per_op}, "passed": b.passed}
            for b in submission.finished_benchmarks
        ]


HISTORY_FILTERS = [
    OpenApiParameter("problem", str, description="A problem's slug (an unknown one is a 400)."),
    OpenApiParameter("verdict", str, enum=Verdict.values),
    OpenApiParameter("mode", str, enum=Mode.values),
    OpenApiParameter("since", OpenApiTypes.DATE, description="From this date (YYYY-MM-DD), included."),
    OpenApiParameter("until", OpenApiTypes.DATE, description="Up to this date (YYYY-MM-DD), included."),
    PAGE_PARAMETER,
]


@extend_schema(methods=["GET"], operation_id="submissions_list", tags=TAGS, summary="Your own submissions, newest first",
               parameters=HISTORY_FILTERS,
               responses={200: paginated(SubmissionListSerializer, "PaginatedSubmissionList"),
                          **error_responses(400, *SIGNED_IN, 404)})
@extend_schema(methods=["POST"], tags=TAGS, summary="Submit code to be judged (201: queued)",
               request=SubmissionCreateSerializer,
               responses={201: SubmissionDetailSerializer, **error_responses(400, *SIGNED_IN, 404, 409, 429)})
@api_view(["GET", "POST"])
def submission_collection_api(request):
    if request.method == "POST":
        data = SubmissionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        problem = get_object_or_404(Problem, slug=data.validated_data["problem"])
        interview = None
        if data.validated_data["interview"] is not None:  # someone else's interview is a 404
            interview = interview_hooks.required("get_for_user")(user=request.user,
                                                                 interview_id=data.validated_data["interview"])
        # Refused (config.api.exception_handler answers): late for the interview (409), a rate
        # limit or the queue cap (429 and Retry-After; nothing was stored).
        submission = submission_create(
            user=request.user, problem=problem, code=data.validated_data["code"],
            mode=data.validated_data["mode"], language=data.validated_data["language"],
            custom_tests=data.validated_data["custom_tests"], interview=interview,
        )
        return Response(SubmissionDetailSerializer(submission).data, status=status.HTTP_201_CREATED)

    filters = history_filters(request.query_params)  # a bad one: ValidationError, a 400
    if filters["problem_slug"] and not Problem.objects.filter(slug=filters["problem_slug"]).exists():
        # Said, not silently answered with no rows (which would read as "none of it"), as the page does.
        return Response({"detail": f"No problem {filters['problem_slug']!r}: give a problem's slug, like rotate-left."},
                        status=status.HTTP_400_BAD_REQUEST)
    qs = submission_list_for_user(user=request.user, **filters)
    paginator = PageNumberPagination()
    page = paginator.paginate_queryset(qs, request)
    return paginator.get_paginated_response(SubmissionListSerializer(page, many=True).data)


@extend_schema(tags=TAGS, summary="One of your submissions: verdict, tests, benchmarks, code",
               responses={200: SubmissionDetailSerializer, **error_responses(*SIGNED_IN, 404)})
@api_view(["GET"])
def submission_detail_api(request, submission_id):
    submission = submission_get_for_user(user=request.user, submission_id=submission_id)
    return Response(_detail_serializer.to_representation(submission))


# One instance for every request: building a serializer's fields (a deep copy of the declared
# ones, the nested tests' too) was 0.4 ms of a 2.5 ms answer, paid again on each poll of a
# submission being judged. to_representation keeps no state, and the fields need no request.
_detail_serializer = SubmissionDetailSerializer()
