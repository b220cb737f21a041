"""The problems API: public, like the problem pages. Here, above the judge, because its status
filter reads the user's history (docs/architecture.md)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from config.api import error_responses
from practice.selectors import problem_search
from problems.models import Difficulty
from problems.search import Q_MAX, SORTS, STATUSES, problem_filters
from problems.selectors import problem_get, problem_list

TAGS = ["problems"]


class ProblemListSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    step = serializers.IntegerField()
    difficulty = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())
    languages = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_languages(self, problem):
        return [problem.language]


class ProblemDetailSerializer(ProblemListSerializer):
    statement = serializers.CharField()
    package = serializers.CharField()
    time_limit_seconds = serializers.IntegerField()
    starter = serializers.SerializerMethodField()
    examples = serializers.DictField(source="example_test_files", child=serializers.CharField(),
                                     help_text="The visible tests: {file name: Go source}.")

    @extend_schema_field(serializers.DictField(child=serializers.CharField(), help_text="{language: code}"))
    def get_starter(self, problem):
        return {problem.language: problem.starter_code}


@extend_schema(tags=TAGS, summary="Every problem, or those matching the filters", parameters=[
    OpenApiParameter("q", str, description=f"Words in the title or the statement (at most {Q_MAX} characters)."),
    OpenApiParameter("step", int, description="A step of the course, from 1."),
    OpenApiParameter("difficulty", str, enum=Difficulty.values),
    OpenApiParameter("tag", str, description="A tag some problem has, like strings."),
    OpenApiParameter("status", str, enum=list(STATUSES),
                     description="Yours (signed in only): solved, tried but not solved, or new (never run or submitted)."),
    OpenApiParameter("sort", str, enum=list(SORTS), description="step (default) or difficulty, then step."),
], responses={200: ProblemListSerializer(many=True), **error_responses(400)})
@api_view(["GET"])
@permission_classes([AllowAny])
def problem_list_api(request):
    problems = list(problem_list())
    rows = [(p.slug, p.title, p.step, p.difficulty, p.tags) for p in problems]
    filters = problem_filters(request.query_params, rows, signed_in=request.user.is_authenticated)  # 400 if bad
    if filters.narrowed or filters.sort != "step":
        by_slug = {p.slug: p for p in problems}
        problems = [by_slug[slug] for slug in problem_search(filters, rows, user=request.user)]
    return Response(ProblemListSerializer(problems, many=True).data)


@extend_schema(tags=TAGS, summary="One problem: statement (Markdown), starter code, visible examples",
               responses={200: ProblemDetailSerializer, **error_responses(404)})
@api_view(["GET"])
@permission_classes([AllowAny])
def problem_detail_api(request, slug):
    return Response(ProblemDetailSerializer(problem_get(slug)).data)
