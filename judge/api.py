from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.generics import get_object_or_404
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from interviews.selectors import interview_get_for_user
from interviews.services import InterviewClosed
from judge.history import history_filters
from judge.models import Mode, Submission
from judge.selectors import submission_get_for_user, submission_list_for_user
from judge.services import submission_create
from problems.models import Problem


class SubmissionCreateSerializer(serializers.Serializer):
    problem = serializers.SlugField()
    language = serializers.CharField(default="go")
    code = serializers.CharField(trim_whitespace=False, allow_blank=True)
    mode = serializers.ChoiceField(choices=Mode.choices, default=Mode.SUBMIT)
    # Run only: the caller's own _test.go cases, judged with the visible examples.
    custom_tests = serializers.CharField(trim_whitespace=False, allow_blank=True, required=False, default="")
    # A mock interview's id: late submissions to it are refused with 409.
    interview = serializers.IntegerField(required=False, allow_null=True, default=None)


class TestResultSerializer(serializers.Serializer):
    name = serializers.CharField()
    status = serializers.CharField()
    duration_ms = serializers.IntegerField()
    message = serializers.CharField()


class SubmissionListSerializer(serializers.ModelSerializer):
    problem = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Submission
        fields = ["id", "problem", "language", "mode", "status", "verdict", "message",
                  "created_at", "started_at", "finished_at", "interview"]


class SubmissionDetailSerializer(SubmissionListSerializer):
    tests = TestResultSerializer(many=True)
    benchmarks = serializers.SerializerMethodField()

    class Meta(SubmissionListSerializer.Meta):
        fields = SubmissionListSerializer.Meta.fields + ["code", "custom_tests", "compile_output", "tests", "benchmarks"]

    def get_benchmarks(self, submission):
        return [
            {"name": b.name, "ns_per_op": b.ns_per_op, "bytes_per_op": b.bytes_per_op, "allocs_per_op": b.allocs_per_op,
             "reference_ns_per_op": b.reference_ns_per_op, "reference_bytes_per_op": b.reference_bytes_per_op,
             "reference_allocs_per_op": b.reference_allocs_per_op, "time_ratio": b.time_ratio,
             "budget": {"time_ratio": b.max_time_ratio, "allocs_per_op": b.max_allocs_per_op}, "passed": b.passed}
            for b in submission.benchmarks.all()
        ]


@api_view(["GET", "POST"])
def submission_collection_api(request):
    if request.method == "POST":
        data = SubmissionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        problem = get_object_or_404(Problem, slug=data.validated_data["problem"])
        interview = None
        if data.validated_data["interview"] is not None:  # someone else's interview is a 404
            interview = interview_get_for_user(user=request.user, interview_id=data.validated_data["interview"])
        try:
            submission = submission_create(
                user=request.user, problem=problem, code=data.validated_data["code"],
                mode=data.validated_data["mode"], language=data.validated_data["language"],
                custom_tests=data.validated_data["custom_tests"], interview=interview,
            )
        except InterviewClosed as exc:  # late: the interview is over
            return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_409_CONFLICT)
        return Response(SubmissionDetailSerializer(submission).data, status=status.HTTP_201_CREATED)

    try:
        filters = history_filters(request.query_params)
    except DjangoValidationError as exc:
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_400_BAD_REQUEST)
    qs = submission_list_for_user(user=request.user, **filters)
    paginator = PageNumberPagination()
    page = paginator.paginate_queryset(qs, request)
    return paginator.get_paginated_response(SubmissionListSerializer(page, many=True).data)


@api_view(["GET"])
def submission_detail_api(request, submission_id):
    submission = submission_get_for_user(user=request.user, submission_id=submission_id)
    return Response(SubmissionDetailSerializer(submission).data)
