"""The typed environment readers behind settings.py, and the generated SECRET_KEY."""

import contextlib
import os
import stat
from pathlib import Path

import pytest

from netvaerk.env import env_bool, env_int, env_list, env_str, secret_key

NAME = "NETVAERK_TEST_SETTING"


@pytest.fixture
def env(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)

    def set_(value: str) -> None:
        monkeypatch.setenv(NAME, value)

    return set_


@contextlib.contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- env_str ------------------------------------------------------------------------------


def test_env_str_reads_the_variable_or_falls_back(env):
    assert env_str(NAME) == ""
    assert env_str(NAME, "fallback") == "fallback"
    env("Netværk")
    assert env_str(NAME, "fallback") == "Netværk"


# --- env_bool -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["true", "True", "TRUE", "1", "yes", "Yes", "on", " true ", "true\n"]
)
def test_env_bool_reads_true(env, raw):
    env(raw)
    assert env_bool(NAME, default=False) is True


@pytest.mark.parametrize("raw", ["false", "False", "0", "no", "NO", "off", " false "])
def test_env_bool_reads_false(env, raw):
    env(raw)
    assert env_bool(NAME, default=True) is False


@pytest.mark.parametrize("default", [True, False])
@pytest.mark.parametrize("raw", [None, "", "   "])
def test_env_bool_falls_back_when_unset_or_blank(env, raw, default):
    if raw is not None:
        env(raw)
    assert env_bool(NAME, default=default) is default


@pytest.mark.parametrize("raw", ["maybe", "2", "ja", "nej", "y", "truee", "-1"])
def test_env_bool_refuses_anything_else_with_a_clear_message(env, raw):
    env(raw)

    with pytest.raises(ValueError, match=NAME) as error:
        env_bool(NAME, default=False)

    assert repr(raw) in str(error.value)
    assert "boolean" in str(error.value)


# --- env_int ------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [("25", 25), ("0", 0), (" 587 ", 587), ("-1", -1)])
def test_env_int_reads_an_integer(env, raw, expected):
    env(raw)
    assert env_int(NAME, 30) == expected


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_env_int_falls_back_when_unset_or_blank(env, raw):
    if raw is not None:
        env(raw)
    assert env_int(NAME, 30) == 30


@pytest.mark.parametrize("raw", ["thirty", "2.5", "1e3", "25 s"])
def test_env_int_refuses_a_non_integer_with_a_clear_message(env, raw):
    env(raw)

    with pytest.raises(ValueError, match=NAME) as error:
        env_int(NAME, 30)

    assert repr(raw) in str(error.value)
    assert "integer" in str(error.value)
    assert error.value.__cause__ is None  # no second traceback from int()


# --- env_list -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("example.org", ["example.org"]),
        ("example.org,www.example.org", ["example.org", "www.example.org"]),
        (" a.org , b.org ,, ", ["a.org", "b.org"]),
    ],
)
def test_env_list_splits_on_commas_and_drops_blanks(env, raw, expected):
    env(raw)
    assert env_list(NAME, ["default"]) == expected


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_env_list_falls_back_when_unset_or_blank(env, raw):
    if raw is not None:
        env(raw)
    assert env_list(NAME, ["localhost"]) == ["localhost"]


# --- secret_key ---------------------------------------------------------------------------


@pytest.fixture
def no_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)


def test_a_secret_key_from_the_environment_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")

    assert secret_key(tmp_path / "var") == "from-the-environment"
    assert not (tmp_path / "var").exists()


def test_a_generated_secret_key_is_kept_private_and_reused(no_secret_key, tmp_path):
    var_dir = tmp_path / "fresh" / "var"

    with umask(0o022):
        key = secret_key(var_dir)

    key_file = var_dir / "secret_key"
    assert len(key) >= 50
    assert key_file.read_text() == key
    assert mode(key_file) == 0o600
    assert secret_key(var_dir) == key
    assert secret_key(var_dir) == key


def test_each_installation_generates_its_own_key(no_secret_key, tmp_path):
    assert secret_key(tmp_path / "one") != secret_key(tmp_path / "two")


def test_a_key_file_written_by_hand_is_used_as_it_is(no_secret_key, tmp_path):
    (tmp_path / "secret_key").write_text("  hand-made-key\n")

    assert secret_key(tmp_path) == "hand-made-key"


def test_the_key_file_is_never_readable_by_others(no_secret_key, tmp_path, monkeypatch):
    def chmod_fails(self, *args, **kwargs):
        raise PermissionError("chmod refused")

    monkeypatch.setattr(Path, "chmod", chmod_fails)

    with umask(0o022), contextlib.suppress(PermissionError):
        secret_key(tmp_path)

    key_file = tmp_path / "secret_key"
    assert not key_file.exists() or mode(key_file) & 0o077 == 0


# --- REDIS_URL ----------------------------------------------------------------------------


def _redis_answers() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="Redis is not running on 127.0.0.1:6379")
def test_redis_url_gives_a_working_shared_cache(tmp_path):
    import subprocess
    import sys

    script = (
        "import django; django.setup()\n"
        "from django.core.cache import caches\n"
        "cache = caches['default']\n"
        "cache.set('netvaerk-test', 'shared', 5)\n"
        "print(type(cache).__name__, cache.get('netvaerk-test'))\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "netvaerk.settings",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "NETVAERK_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["RedisCache", "shared"]
