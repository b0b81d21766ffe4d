"""The deployment files keep their contract with the code: every setting documented, probes on
the port the image exposes, a non-root image, secrets only by reference, complete kustomizations
and a wheel that carries every data file. Fast and offline; the real container cycle is
`make container-test`."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import stat
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import AliasChoices

from bot.config import Settings

PROJECT = Path(__file__).resolve().parent.parent
DEPLOY = PROJECT / "deploy"
K8S = DEPLOY / "k8s"
KUSTOMIZE_DIRS = [K8S, K8S / "discord-shards"]
SECRET_EXAMPLE = "secret.example.yaml"
SECRET_NAME = "briefbot-secrets"
# Settings that are credentials (or embed one): only ever read from the Secret.
SECRET_SETTINGS = {
    "DISCORD_TOKEN",
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
    "BRIEFBOT_DATABASE_URL",
}


# --- helpers --------------------------------------------------------------------------------


def setting_names() -> set[str]:
    """The environment names `Settings` reads."""
    names: set[str] = set()
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        if isinstance(alias, str):
            names.add(alias)
        elif isinstance(alias, AliasChoices):
            names.update(choice for choice in alias.choices if isinstance(choice, str))
    return names


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in (DEPLOY / "Dockerfile").read_text("utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        full = (pending + line).strip()
        pending = ""
        keyword, _, rest = full.partition(" ")
        instructions.append((keyword.upper(), rest.strip()))
    assert not pending, "the Dockerfile ends inside a continued line"
    return instructions


def final_stage() -> list[tuple[str, str]]:
    instructions = dockerfile_instructions()
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def image_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for keyword, rest in final_stage():
        if keyword == "ENV":
            for item in shlex.split(rest):
                name, _, value = item.partition("=")
                env[name] = value
    return env


def exposed_port() -> int:
    ports = [rest for keyword, rest in final_stage() if keyword == "EXPOSE"]
    assert len(ports) == 1, ports
    return int(ports[0].split("/")[0])


def image_uid() -> int:
    users = [rest for keyword, rest in final_stage() if keyword == "USER"]
    assert users, "the final stage sets no USER (it would run as root)"
    user = users[-1].split(":")[0]
    assert user.isdigit(), f"USER {users[-1]} is not numeric (Kubernetes runAsNonRoot needs one)"
    return int(user)


def load_yaml_documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text("utf-8")) if doc]


def k8s_objects() -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in sorted(K8S.rglob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        for doc in load_yaml_documents(path):
            yield path, doc


def workloads() -> list[tuple[Path, dict[str, Any]]]:
    found = [(p, d) for p, d in k8s_objects() if d["kind"] in ("Deployment", "StatefulSet")]
    assert found, "no Deployment or StatefulSet under deploy/k8s"
    return found


def containers(workload: dict[str, Any]) -> list[dict[str, Any]]:
    spec: list[dict[str, Any]] = workload["spec"]["template"]["spec"]["containers"]
    return spec


def container_port(container: dict[str, Any], port: int | str) -> int:
    """A probe or Service port, by number or by the container port's name."""
    if isinstance(port, int):
        return port
    for declared in container.get("ports", []):
        if declared.get("name") == port:
            return int(declared["containerPort"])
    raise AssertionError(f"no container port named {port!r}")


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text("utf-8"))
    return data


def dockerignore_excludes(path: str) -> bool:
    """Docker's rule: the last pattern matching the path (or one of its parent folders) wins."""
    excluded = False
    for raw in (PROJECT / ".dockerignore").read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line.lstrip("!").rstrip("/").removeprefix("**/")
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        candidates = prefixes + (parts if line.lstrip("!").startswith("**/") else [])
        if any(fnmatch.fnmatchcase(candidate, pattern) for candidate in candidates):
            excluded = not negate
    return excluded


# --- settings and .env.example --------------------------------------------------------------


def test_every_setting_is_documented_in_env_example() -> None:
    text = (PROJECT / ".env.example").read_text("utf-8")
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))
    missing = setting_names() - documented
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_env_example_sets_no_secret() -> None:
    """Only commented examples (placeholders) for credentials: a copied .env leaks nothing."""
    for line in (PROJECT / ".env.example").read_text("utf-8").splitlines():
        name, sep, value = line.partition("=")
        if sep and not name.startswith("#") and name.strip() in SECRET_SETTINGS:
            assert not value.strip(), f"{name} has a value in .env.example"


# --- the image ------------------------------------------------------------------------------


def test_the_base_image_is_a_build_argument_and_python3_is_used_throughout() -> None:
    instructions = dockerfile_instructions()
    assert instructions[0][0] == "ARG" and instructions[0][1].startswith("BASE_IMAGE=")
    froms = [rest for keyword, rest in instructions if keyword == "FROM"]
    assert len(froms) >= 2, "build in one stage, run from another (no build tools shipped)"
    assert all(f.split()[0] == "${BASE_IMAGE}" for f in froms), froms
    for keyword, rest in instructions:
        if keyword in ("RUN", "CMD", "HEALTHCHECK", "ENTRYPOINT"):
            assert not re.search(r"(?<![\w/.-])python(?![\w.])", rest), (
                f"{keyword} calls `python`; a Debian base only has `python3`"
            )


def test_the_image_runs_briefbot_as_a_non_root_numeric_user() -> None:
    assert image_uid() > 0
    final = dict((k, r) for k, r in final_stage() if k in ("ENTRYPOINT", "CMD"))
    assert json.loads(final["ENTRYPOINT"]) == ["briefbot"]
    assert json.loads(final["CMD"]) == ["run"]


def test_no_build_tools_in_the_final_stage() -> None:
    for keyword, rest in final_stage():
        if keyword == "RUN":
            assert not re.search(r"\b(gcc|g\+\+|build-essential|make|pip install)\b", rest), rest


def test_healthcheck_and_port_agree_with_the_bot_http_server() -> None:
    port = exposed_port()
    env = image_env()
    assert env.get("BRIEFBOT_HTTP_PORT", "8080") == str(port)
    checks = [rest for keyword, rest in final_stage() if keyword == "HEALTHCHECK"]
    assert len(checks) == 1
    assert "/healthz" in checks[0] and f"'{port}'" in checks[0]
    assert "python3" in checks[0] and "curl" not in checks[0]


def test_data_lives_in_a_volume_and_the_seeds_are_shipped() -> None:
    env = image_env()
    volumes = [rest for keyword, rest in final_stage() if keyword == "VOLUME"]
    assert any(env["BRIEFBOT_DATA_DIR"] in v for v in volumes), (env, volumes)
    copies = [rest.split() for keyword, rest in final_stage() if keyword == "COPY"]
    assert ["seeds", env["BRIEFBOT_SEEDS_DIR"]] in copies


def test_the_build_context_has_what_the_dockerfile_copies_and_no_secrets() -> None:
    for keyword, rest in dockerfile_instructions():
        if keyword != "COPY" or "--from=" in rest:
            continue
        *sources, _destination = rest.split()
        for source in sources:
            assert (PROJECT / source).exists(), source
            assert not dockerignore_excludes(source.rstrip("/")), f"{source} is .dockerignored"
    for private in (".env", ".venv/bin/python", ".git/config", "tests/conftest.py"):
        assert dockerignore_excludes(private), f"{private} would be sent to the build"


def test_every_data_file_of_the_packages_is_in_the_wheel() -> None:
    """The image installs the project non-editable: a data file outside `package-data` would
    be missing there (and only there)."""
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))
    package_data: dict[str, list[str]] = config["tool"]["setuptools"]["package-data"]
    covered: set[Path] = set()
    for package, patterns in package_data.items():
        root = PROJECT / package.replace(".", "/")
        for pattern in patterns:
            covered.update(root.glob(pattern))
    for package in config["tool"]["setuptools"]["packages"]["find"]["include"]:
        root = PROJECT / package.rstrip("*")
        for path in root.rglob("*"):
            if path.is_dir() or "__pycache__" in path.parts or path.suffix in (".py", ".pyc"):
                continue
            assert path in covered, f"{path.relative_to(PROJECT)} is not in package-data"


def test_the_scripts_are_executable() -> None:
    for name in ("container-test.sh", "lint.sh"):
        assert (DEPLOY / name).stat().st_mode & stat.S_IXUSR, name


# --- compose --------------------------------------------------------------------------------


def test_compose_runs_the_bot_on_a_health_checked_postgres() -> None:
    services = compose()["services"]
    bot, db = services["bot"], services["db"]
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose()["volumes"], "PostgreSQL data needs a named volume"
    url = bot["environment"]["BRIEFBOT_DATABASE_URL"]
    assert url.startswith("postgresql+psycopg://") and "@db:5432/" in url
    assert bot["restart"] and db["restart"]
    assert bot["env_file"], "settings come from .env"
    assert any(p.endswith(f":{exposed_port()}") for p in bot["ports"])
    assert (DEPLOY / bot["build"]["context"] / bot["build"]["dockerfile"]).is_file()


def test_compose_holds_no_secret_value() -> None:
    services = compose()["services"]
    assert services["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD")
    for name, value in services["bot"]["environment"].items():
        if name in SECRET_SETTINGS - {"BRIEFBOT_DATABASE_URL"}:
            raise AssertionError(f"{name} is set in compose.yaml; it belongs in .env")
        assert "${POSTGRES_PASSWORD" in value or name not in SECRET_SETTINGS


# --- Kubernetes -----------------------------------------------------------------------------


@pytest.mark.parametrize("folder", KUSTOMIZE_DIRS, ids=lambda p: p.name)
def test_each_kustomization_lists_every_manifest_but_the_secret_example(folder: Path) -> None:
    kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text("utf-8"))
    listed = set(kustomization["resources"])
    present = {p.name for p in folder.glob("*.yaml")} - {"kustomization.yaml", SECRET_EXAMPLE}
    assert listed == present
    assert SECRET_EXAMPLE not in listed


def test_probes_hit_healthz_and_readyz_on_the_exposed_port() -> None:
    port = exposed_port()
    for path, workload in workloads():
        for container in containers(workload):
            live, ready = container["livenessProbe"], container["readinessProbe"]
            assert live["httpGet"]["path"] == "/healthz", path
            assert ready["httpGet"]["path"] == "/readyz", path
            for probe in (live, ready, container.get("startupProbe")):
                if probe:
                    assert container_port(container, probe["httpGet"]["port"]) == port, path


def test_pods_run_non_root_with_a_read_only_root_and_resources() -> None:
    uid = image_uid()
    for path, workload in workloads():
        pod = workload["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, path
        assert pod["securityContext"]["runAsUser"] == uid, path
        mounts_needed = {"/tmp", image_env()["BRIEFBOT_DATA_DIR"]}
        for container in containers(workload):
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True, path
            assert security["allowPrivilegeEscalation"] is False, path
            assert container["resources"]["requests"] and container["resources"]["limits"]
            mounted = {m["mountPath"] for m in container.get("volumeMounts", [])}
            assert mounts_needed <= mounted, f"{path}: writable {mounts_needed - mounted}"


def test_secrets_only_by_reference_and_every_name_is_a_setting() -> None:
    known = setting_names()
    example = load_yaml_documents(K8S / SECRET_EXAMPLE)[0]
    example_keys = set(example["stringData"])
    for path, workload in workloads():
        for container in containers(workload):
            for var in container.get("env", []):
                assert var["name"] in known, f"{path}: {var['name']} is not a setting"
                if var["name"] in SECRET_SETTINGS:
                    ref = var.get("valueFrom", {}).get("secretKeyRef")
                    assert ref, f"{path}: {var['name']} must come from a secretKeyRef"
                    assert ref["name"] == SECRET_NAME and ref["key"] in example_keys
            for source in container.get("envFrom", []):
                assert "secretRef" not in source or source["secretRef"]["name"] == SECRET_NAME
    for path, doc in k8s_objects():
        if doc["kind"] == "ConfigMap":
            assert set(doc["data"]) <= known - SECRET_SETTINGS, path
        if doc["kind"] == "Secret":
            assert path.name == SECRET_EXAMPLE, f"{path}: a Secret with values in the repository"
            assert all("CHANGE-ME" in v for v in doc["stringData"].values())


def test_services_and_budgets_select_the_pods_they_mean() -> None:
    pod_labels = [w["spec"]["template"]["metadata"]["labels"] for _, w in workloads()]
    for path, doc in k8s_objects():
        if doc["kind"] == "Service":
            selector = doc["spec"]["selector"]
        elif doc["kind"] == "PodDisruptionBudget":
            selector = doc["spec"]["selector"]["matchLabels"]
        else:
            continue
        matches = [labels for labels in pod_labels if selector.items() <= labels.items()]
        assert len(matches) == 1, f"{path} selects {len(matches)} workloads"


def test_discord_shards_own_their_ordinal_and_count_the_replicas(tmp_path: Path) -> None:
    """Run the StatefulSet's start command with a stand-in `briefbot` on PATH: pod N must start
    with DISCORD_SHARD_IDS=N, and the result must be a configuration the bot accepts."""
    docs = load_yaml_documents(K8S / "discord-shards" / "statefulset.yaml")
    statefulset = next(d for d in docs if d["kind"] == "StatefulSet")
    replicas = statefulset["spec"]["replicas"]
    container = containers(statefulset)[0]
    env = {v["name"]: v.get("value") for v in container["env"]}
    assert env["DISCORD_SHARD_COUNT"] == str(replicas)

    stand_in = tmp_path / "briefbot"
    stand_in.write_text('#!/bin/sh\necho "$DISCORD_SHARD_IDS $*"\n', "utf-8")
    stand_in.chmod(0o755)
    name = statefulset["metadata"]["name"]
    for ordinal in range(replicas):
        result = subprocess.run(
            [*container["command"], *container["args"]],
            env={"PATH": f"{tmp_path}:{os.environ['PATH']}", "HOSTNAME": f"{name}-{ordinal}"},
            capture_output=True,
            text=True,
            check=True,
        )
        shard_ids, _, args = result.stdout.strip().partition(" ")
        assert (shard_ids, args) == (str(ordinal), "run")
        settings = Settings(
            _env_file=None,
            DISCORD_SHARD_COUNT=env["DISCORD_SHARD_COUNT"],
            DISCORD_SHARD_IDS=shard_ids,
        )
        assert settings.discord_shard_ids == [ordinal]
