"""Small typed readers for settings that come from the environment."""

import os
from pathlib import Path


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name} must be a boolean (true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be an integer, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, or one generated once and kept under var/.

    A fresh checkout must run without configuration, but a key that changes on every start
    would log everyone out, so the generated key is stored next to the embedded database.
    """
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    import secrets
    import tempfile

    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # Written 0600 from the start and linked into place atomically, so the key is never
    # readable by others and two processes starting at once agree on one key.
    fd, tmp = tempfile.mkstemp(dir=var_dir, prefix=".secret_key.")
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        os.link(tmp, key_file)
    except FileExistsError:
        return key_file.read_text().strip()
    finally:
        os.unlink(tmp)
    return key
