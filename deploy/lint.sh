#!/usr/bin/env bash
# Offline checks of the deployment files (`make deploy-lint`): hadolint on the Dockerfile,
# `docker-compose config` on the compose file (with .env.example as its env file),
# kubernetes-validate --strict on every Kubernetes manifest, shellcheck on the scripts.
# TOOLS points at the tools virtualenv's bin folder (the Makefile installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=${TOOLS:-.venv-tools/bin}
# Oldest and newest Kubernetes releases the manifests must be valid for.
K8S_VERSIONS=${K8S_VERSIONS:-"1.25.0 1.37.0"}

fail() {
  echo "deploy-lint: FAIL: $*" >&2
  exit 1
}

echo "deploy-lint: hadolint deploy/Dockerfile"
"$TOOLS/hadolint" deploy/Dockerfile || fail "hadolint"

if ! command -v docker-compose >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || fail "docker-compose is missing (apt-get install docker-compose)"
  echo "deploy-lint: installing docker-compose"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose >/dev/null; } \
    || fail "apt-get install docker-compose"
fi
echo "deploy-lint: docker-compose config deploy/compose.yaml"
POSTGRES_PASSWORD=lint-placeholder BRIEFBOT_ENV_FILE=../.env.example \
  docker-compose -f deploy/compose.yaml config -q || fail "docker-compose config"

mapfile -t manifests < <(find deploy/k8s -name '*.yaml' ! -name kustomization.yaml | sort)
[ "${#manifests[@]}" -gt 0 ] || fail "no Kubernetes manifests under deploy/k8s"
for version in $K8S_VERSIONS; do
  echo "deploy-lint: kubernetes-validate --strict (Kubernetes $version), ${#manifests[@]} files"
  "$TOOLS/kubernetes-validate" --strict --quiet -k "$version" "${manifests[@]}" \
    || fail "kubernetes-validate $version"
done
# The rendered kustomizations too, where a kustomize is at hand (not required).
if command -v kubectl >/dev/null 2>&1; then
  rendered=$(mktemp -d)
  trap 'rm -rf "$rendered"' EXIT
  for dir in deploy/k8s deploy/k8s/discord-shards; do
    out="$rendered/$(echo "$dir" | tr / _).yaml"
    kubectl kustomize "$dir" >"$out" || fail "kubectl kustomize $dir"
    "$TOOLS/kubernetes-validate" --strict --quiet "$out" || fail "kubernetes-validate $dir (rendered)"
  done
  echo "deploy-lint: kustomize output valid"
fi

echo "deploy-lint: shellcheck"
"$TOOLS/shellcheck" --severity=warning deploy/*.sh .ci/run || fail "shellcheck"
echo "deploy-lint: OK"
