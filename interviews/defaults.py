"""The interview templates Dojo ships. A data migration installs them (get_or_create by slug,
so staff edits in the admin survive); tests install them the same way after a flush.

Pools follow the catalog's tags (problems/catalog/*/problem.toml). A slot whose pool is empty
falls back to any problem of its steps, so a tag that no problem carries yet is harmless.
"""

CONCURRENCY_TAGS = ["concurrency", "goroutines", "channels", "cancellation", "errgroup", "semaphore",
                    "worker-pool", "fan-in", "pipeline", "backpressure", "singleflight", "sync", "mutex",
                    "atomic", "leaks", "goroutine-leaks", "timeouts"]
SYSTEMS_TAGS = ["http", "net/http", "middleware", "idempotency", "retries", "circuit-breaker", "rate-limiting",
                "database", "sql", "transactions", "service", "shutdown", "json", "config", "httptest"]
DATA_STRUCTURE_TAGS = ["data-structures", "heap", "container/heap", "trie", "prefix-tree", "lru", "linked-list",
                       "graph", "graphs", "bfs", "dfs", "topological-sort", "sliding-window", "hash-map"]

TEMPLATES = [
    {
        "slug": "go-backend-loop",
        "title": "Go backend loop",
        "description": "The curriculum's step 15 under a real clock: three problems taken strictly one at a "
                       "time (concurrency, then systems, then data structures), no going back.",
        "duration_minutes": 90,
        "hide_difficulty": True,
        "position": 1,
        "slots": [
            # Tags overlap (a concurrent fetcher speaks HTTP, a middleware may use singleflight):
            # exclude_tags keeps each slot to its kind, as step 15 has it.
            {"label": "Concurrency", "tags": CONCURRENCY_TAGS, "exclude_tags": ["middleware"],
             "steps": [5, 6, 14, 15, 16]},
            {"label": "Systems", "tags": SYSTEMS_TAGS, "exclude_tags": ["worker-pool", "goroutines", "channels"],
             "steps": [9, 10, 12, 13, 14, 15]},
            {"label": "Data structures", "tags": DATA_STRUCTURE_TAGS, "steps": [3, 11, 15]},
        ],
    },
    {
        "slug": "quick-screen",
        "title": "Quick screen",
        "description": "A phone-screen warm-up: one easy or medium coding problem in 25 minutes.",
        "duration_minutes": 25,
        "hide_difficulty": False,
        "position": 2,
        "slots": [
            {"label": "Coding", "steps": [1, 2, 3, 11], "difficulties": ["easy", "medium"]},
        ],
    },
    {
        "slug": "concurrency-deep-dive",
        "title": "Concurrency deep dive",
        "description": "Two concurrency problems in an hour: goroutines and cancellation first, then a "
                       "concurrent design problem.",
        "duration_minutes": 60,
        "hide_difficulty": False,
        "position": 3,
        "slots": [
            {"label": "Goroutines and cancellation", "tags": CONCURRENCY_TAGS, "steps": [3, 5, 6]},
            {"label": "Concurrent design", "tags": CONCURRENCY_TAGS, "steps": [14, 15, 16]},
        ],
    },
    {
        "slug": "code-review-round",
        "title": "Code-review round",
        "description": "Three pull requests to review in 45 minutes, each a solution with one bug, easy to "
                       "hard: find it and prove it with a test that fails on the code and passes on a correct "
                       "solution.",
        "kind": "drills",
        "duration_minutes": 45,
        "hide_difficulty": False,
        "position": 4,
        "slots": [
            {"label": "Easy bug", "difficulties": ["easy"]},
            {"label": "Medium bug", "difficulties": ["medium"]},
            {"label": "Hard bug", "difficulties": ["hard"]},
        ],
    },
]


def install_default_templates(template_model) -> list:
    """Create the shipped templates that are missing; never overwrite an existing one.

    Takes the model class so a data migration can pass its historical model; a template that
    needs a field the historical model lacks is left to the later migration that has it
    (0007_code_review_round), rather than created without it.
    """
    fields_known = {f.name for f in template_model._meta.get_fields()}
    created = []
    for spec in TEMPLATES:
        if not set(spec) <= fields_known:
            continue
        fields = {k: v for k, v in spec.items() if k != "slug"}
        _, was_created = template_model.objects.get_or_create(slug=spec["slug"], defaults=fields)
        if was_created:
            created.append(spec["slug"])
    return created
