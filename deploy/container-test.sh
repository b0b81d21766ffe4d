#!/usr/bin/env bash
# The real container cycle, runnable on a machine with no registry and no Docker engine:
# a Debian base made by debootstrap (cached), the image built by podman from deploy/Dockerfile,
# the container started in Slack HTTP mode (starts without reaching Slack), /healthz, /readyz
# and /metrics answered from inside it, the image's HEALTHCHECK run, then a prompt stop.
# Needs root (debootstrap, rootful podman). Any failure exits non-zero with a FAIL line.
#
# Knobs: BRIEFBOT_BASE_CACHE (default /var/tmp/briefbot-base), BRIEFBOT_DEBIAN_MIRROR (default:
# the mirror apt already uses), BRIEFBOT_CT_KEEP=1 keeps the podman state for debugging.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE_CACHE=${BRIEFBOT_BASE_CACHE:-/var/tmp/briefbot-base}
BASE_IMAGE=localhost/debian-python:bookworm
BASE_RECIPE="v1 bookworm minbase python3 python3-venv ca-certificates"
IMAGE=localhost/briefbot:container-test
NAME=briefbot-ct
# Distinctive fake credentials: Slack HTTP mode starts with them, and they must never be logged.
FAKE_BOT_TOKEN=xoxb-ct-000000000000-fakebottoken
FAKE_SIGNING_SECRET=ct0fake0signing0secret0value

START=$(date +%s)
STEP_START=$START
step() {
  local now
  now=$(date +%s)
  printf 'container-test: %-34s %4ss (total %ss)\n' "$1" "$((now - STEP_START))" "$((now - START))"
  STEP_START=$now
}
fail() {
  echo "container-test: FAIL: $*" >&2
  exit 1
}

[ "$(id -u)" = 0 ] || fail "run as root (debootstrap and rootful podman need it)"

# --- tools -------------------------------------------------------------------------------
missing=()
for tool in podman runc debootstrap; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
# `podman run --init` needs catatonit, a package apt leaves out when recommends are off.
[ -x /usr/libexec/podman/catatonit ] || missing+=(catatonit)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "container-test: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q podman runc debootstrap catatonit >/dev/null
fi
[ -x /usr/libexec/podman/catatonit ] || fail "catatonit (podman's --init) missing after install"
step "tools"

# --- base image (cached tarball) -----------------------------------------------------------
debian_mirror() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list)
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

HOST_CA=/etc/ssl/certs/ca-certificates.crt
[ -f "$HOST_CA" ] || fail "no host CA bundle at $HOST_CA"
# The base trusts the host's authorities (pip inside the build goes through the same egress);
# a changed bundle or recipe rebuilds it.
BASE_KEY=$( (echo "$BASE_RECIPE"; cat "$HOST_CA") | sha256sum | cut -c1-16)
BASE_TAR="$BASE_CACHE/debian-python-bookworm-$BASE_KEY.tar"
if [ ! -s "$BASE_TAR" ]; then
  mkdir -p "$BASE_CACHE"
  rootfs=$(mktemp -d "$BASE_CACHE/rootfs.XXXXXX")
  mirror=${BRIEFBOT_DEBIAN_MIRROR:-$(debian_mirror)}
  echo "container-test: building the base with debootstrap from $mirror"
  debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
    bookworm "$rootfs" "$mirror" >"$BASE_CACHE/debootstrap.log" 2>&1 \
    || { tail -n 20 "$BASE_CACHE/debootstrap.log" >&2; rm -rf "$rootfs"; fail "debootstrap"; }
  install -m 0644 "$HOST_CA" "$rootfs/usr/local/share/ca-certificates/host-ca-bundle.crt"
  chroot "$rootfs" update-ca-certificates >/dev/null 2>&1 || { rm -rf "$rootfs"; fail "update-ca-certificates"; }
  chroot "$rootfs" python3 -c 'import venv, ensurepip' || { rm -rf "$rootfs"; fail "python3 in the base"; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log
  rm -f "$BASE_CACHE"/debian-python-bookworm-*.tar
  tar --numeric-owner -C "$rootfs" -cf "$BASE_TAR.part" .
  mv "$BASE_TAR.part" "$BASE_TAR"
  rm -rf "$rootfs"
  step "base image (debootstrap, cold)"
else
  step "base image (cached)"
fi

# --- podman, with all its state in a temporary directory ----------------------------------
WORK=$(mktemp -d /var/tmp/briefbot-ct.XXXXXX)
cat >"$WORK/containers.conf" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
export CONTAINERS_CONF="$WORK/containers.conf"
mkdir -p "$WORK/tmp"
PODMAN=(podman --root "$WORK/root" --runroot "$WORK/runroot" --tmpdir "$WORK/tmp")

cleanup() {
  local status=$?
  if [ "$status" -ne 0 ] && "${PODMAN[@]}" container exists "$NAME" 2>/dev/null; then
    echo "--- container log (last 40 lines) ---" >&2
    "${PODMAN[@]}" logs "$NAME" 2>&1 | tail -n 40 >&2 || true
  fi
  if [ "${BRIEFBOT_CT_KEEP:-0}" = 1 ]; then
    echo "container-test: podman state kept in $WORK" >&2
    return
  fi
  "${PODMAN[@]}" rm -f -t 0 "$NAME" >/dev/null 2>&1 || true
  "${PODMAN[@]}" system reset --force >/dev/null 2>&1 || true
  # Anything still mounted under the state directory (overlay layers) before removing it.
  grep -o " ${WORK}[^ ]*" /proc/mounts | sort -r | while read -r mnt; do umount -l "$mnt" || true; done || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"${PODMAN[@]}" import -q "$BASE_TAR" "$BASE_IMAGE" >/dev/null || fail "podman import of the base"
step "base imported"

"${PODMAN[@]}" build -q --format docker --build-arg "BASE_IMAGE=$BASE_IMAGE" \
  -f deploy/Dockerfile -t "$IMAGE" . >"$WORK/build.log" 2>&1 \
  || { tail -n 40 "$WORK/build.log" >&2; fail "podman build"; }
step "image built"

# --- the image's contract ------------------------------------------------------------------
user=$("${PODMAN[@]}" image inspect --format '{{.Config.User}}' "$IMAGE")
[[ "$user" =~ ^[1-9][0-9]*(:[0-9]+)?$ ]] || fail "image USER is '$user', not a non-root numeric UID"
healthcheck=$("${PODMAN[@]}" image inspect --format '{{json .Config.Healthcheck}}' "$IMAGE")
[[ "$healthcheck" == *healthz* ]] || fail "image has no HEALTHCHECK (built without --format docker?)"
if "${PODMAN[@]}" run --rm --network none --entrypoint /bin/sh "$IMAGE" -c \
  'command -v gcc || command -v cc || command -v make' >/dev/null 2>&1; then
  fail "a compiler or make is in the final image"
fi
"${PODMAN[@]}" run --rm --network none "$IMAGE" db upgrade >/dev/null 2>"$WORK/podman.log" \
  || { cat "$WORK/podman.log" >&2; fail "'briefbot db upgrade' in the image"; }
step "image contract"

# --- run, probe from inside, stop --------------------------------------------------------
# No network: the probes run inside the container, and nothing outside may be needed.
# A read-only root with a tmpfs on /tmp, as in deploy/k8s (readOnlyRootFilesystem).
# Without systemd podman logs "unable to get systemd connection" for health timers: harmless
# (the HEALTHCHECK is run by hand below), so podman's own stderr goes to a file.
"${PODMAN[@]}" run -d --init --name "$NAME" --network none \
  --read-only --read-only-tmpfs=false --tmpfs /tmp \
  -e SLACK_BOT_TOKEN="$FAKE_BOT_TOKEN" -e SLACK_SIGNING_SECRET="$FAKE_SIGNING_SECRET" \
  -e BRIEFBOT_SLACK_MODE=http -e BRIEFBOT_LOG_LEVEL=INFO -e BRIEFBOT_LOG_FORMAT=json \
  "$IMAGE" >/dev/null 2>"$WORK/podman.log" || { cat "$WORK/podman.log" >&2; fail "podman run"; }

# GET a path on the bot's port from inside the container; prints "STATUS BODY".
probe() {
  "${PODMAN[@]}" exec "$NAME" python3 -c '
import os, sys, urllib.error, urllib.request
url = "http://127.0.0.1:%s%s" % (os.environ.get("BRIEFBOT_HTTP_PORT", "8080"), sys.argv[1])
try:
    with urllib.request.urlopen(url, timeout=5) as response:
        print(response.status, response.read().decode())
except urllib.error.HTTPError as error:
    print(error.code, error.read().decode())
' "$1" 2>/dev/null
}

wait_for() {  # path, then seconds; succeeds once the path answers 200
  local deadline=$(($(date +%s) + $2)) answer=""
  while [ "$(date +%s)" -lt "$deadline" ]; do
    [ "$("${PODMAN[@]}" inspect --format '{{.State.Running}}' "$NAME")" = true ] \
      || fail "the container exited while waiting for $1"
    answer=$(probe "$1" || true)
    if [ "${answer%% *}" = 200 ]; then
      echo "container-test: $1 -> $answer"
      return 0
    fi
    sleep 1
  done
  fail "$1 did not answer 200 within $2 s (last: ${answer:-no answer})"
}

wait_for /healthz 90
step "/healthz answered"
wait_for /readyz 60
step "/readyz answered"
metrics=$(probe /metrics)
[ "${metrics%% *}" = 200 ] || fail "/metrics: ${metrics:0:200}"
grep -q '^briefbot_scheduler_leader ' <<<"$metrics" || fail "/metrics lacks briefbot_scheduler_leader"
"${PODMAN[@]}" healthcheck run "$NAME" >/dev/null 2>&1 || fail "the image's HEALTHCHECK reports unhealthy"
# The seed articles shipped in the image were ingested on first start.
answer=$("${PODMAN[@]}" exec "$NAME" briefbot ask /timeline 2>&1) || fail "briefbot ask: ${answer:0:300}"
grep -qE "[1-9][0-9]* (dated )?entr(y|ies)" <<<"$answer" || fail "no seeded timeline in the container: ${answer:0:300}"
uid=$("${PODMAN[@]}" exec "$NAME" id -u)
[ "$uid" != 0 ] || fail "the bot runs as root"
step "metrics, HEALTHCHECK, seeds, uid $uid"

logs=$("${PODMAN[@]}" logs "$NAME" 2>&1)
if grep -q -e "$FAKE_BOT_TOKEN" -e "$FAKE_SIGNING_SECRET" <<<"$logs"; then
  fail "a credential appears in the container log"
fi

stop_start=$(date +%s)
"${PODMAN[@]}" stop -t 20 "$NAME" >/dev/null 2>"$WORK/podman.log" \
  || { cat "$WORK/podman.log" >&2; fail "podman stop"; }
stop_seconds=$(($(date +%s) - stop_start))
[ "$stop_seconds" -le 10 ] || fail "podman stop took ${stop_seconds}s: SIGTERM not handled"
code=$("${PODMAN[@]}" inspect --format '{{.State.ExitCode}}' "$NAME")
[ "$code" = 0 ] || fail "the bot exited with $code after SIGTERM"
step "stopped (exit 0)"

echo "container-test: OK in $(($(date +%s) - START))s"
