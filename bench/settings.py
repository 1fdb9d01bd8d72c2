"""Settings for the benchmark server: the project's own settings, unchanged, plus a URLconf
that adds a bare hello-world view (bench/urls.py), so the baseline runs in the same gunicorn
workers behind the same middleware as the pages measured. Used only by bench/run.py."""

from netvaerk.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
