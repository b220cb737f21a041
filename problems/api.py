"""The problems API: public, like the problem pages."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from config.api import error_responses
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


@extend_schema(tags=TAGS, summary="Every problem", responses={200: ProblemListSerializer(many=True)})
@api_view(["GET"])
@permission_classes([AllowAny])
def problem_list_api(request):
    return Response(ProblemListSerializer(problem_list(), many=True).data)


@extend_schema(tags=TAGS, summary="One problem: statement (Markdown), starter code, visible examples",
               responses={200: ProblemDetailSerializer, **error_responses(404)})
@api_view(["GET"])
@permission_classes([AllowAny])
def problem_detail_api(request, slug):
    return Response(ProblemDetailSerializer(problem_get(slug)).data)
