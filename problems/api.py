from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from problems.selectors import problem_get, problem_list


class ProblemListSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    step = serializers.IntegerField()
    difficulty = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())
    languages = serializers.SerializerMethodField()

    def get_languages(self, problem):
        return [problem.language]


class ProblemDetailSerializer(ProblemListSerializer):
    statement = serializers.CharField()
    package = serializers.CharField()
    time_limit_seconds = serializers.IntegerField()
    starter = serializers.SerializerMethodField()
    examples = serializers.JSONField(source="example_test_files")

    def get_starter(self, problem):
        return {problem.language: problem.starter_code}


@api_view(["GET"])
@permission_classes([AllowAny])
def problem_list_api(request):
    return Response(ProblemListSerializer(problem_list(), many=True).data)


@api_view(["GET"])
@permission_classes([AllowAny])
def problem_detail_api(request, slug):
    return Response(ProblemDetailSerializer(problem_get(slug)).data)
