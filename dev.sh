#!/usr/bin/env bash
# Set up srt-tui on a Debian/Ubuntu machine, then run the app or the tests.
#
#   ./dev.sh run [ARGS...]    install what the app needs, then start srt-tui (ARGS go to it;
#                             with no ARGS it starts the demo: srt-tui --demo, fictional records)
#   ./dev.sh test [ARGS...]   install what the tests need, then run pytest (ARGS go to it)
#
# Safe to run again: Debian packages are installed only when missing (sudo is used only
# then, and only when not root), the virtualenv in .venv is kept, and pip runs only when
# pyproject.toml has changed since the last install.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.dev-sh-installed"

# Debian packages. Each entry may list alternatives as "a|b": the first one the archive
# has is installed, and any one already installed is enough.
RUN_PACKAGES=(
    python3 python3-venv                  # a Python >= 3.11 with venv (Debian 12, Ubuntu 24.04)
    libvlc5 vlc-plugin-base               # libVLC for python-vlc: decoders, audio, subtitles
    vlc-plugin-video-output vlc-bin       # the clip window; vlc-bin brings the plugin cache tool
)
TEST_PACKAGES=(
    tmux                                  # end-to-end tests drive the real app in tmux
    strace                                # the no-network test traces the app and its VLC process
    "chromium|chromium-browser"           # HTML export test renders the page headless
)

say() { printf 'dev.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

usage() {
    cat >&2 <<'EOF'
usage: ./dev.sh run [SRT-TUI ARGS...]   set up, then start srt-tui (no ARGS: the demo, fictional records)
       ./dev.sh test [PYTEST ARGS...]   set up, then run the whole test suite
EOF
    exit 2
}

is_installed() {
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" == installed ]]
}

has_candidate() {
    local candidate
    candidate="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')"
    [[ -n "$candidate" && "$candidate" != "(none)" ]]
}

# Print the entries (as given) that have no installed alternative.
missing_packages() {
    local entry alternative found
    local -a alternatives
    for entry in "$@"; do
        found=no
        IFS='|' read -r -a alternatives <<<"$entry"
        for alternative in "${alternatives[@]}"; do
            if is_installed "$alternative"; then found=yes; break; fi
        done
        [[ $found == yes ]] || printf '%s\n' "$entry"
    done
}

install_debian_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        say "no apt-get here: install these yourself if missing: ${*//|/ or }"
        return 0
    fi
    local missing=() names=() sudo=() entry alternative chosen
    local -a alternatives
    mapfile -t missing < <(missing_packages "$@")
    [[ ${#missing[@]} -gt 0 ]] || return 0

    if [[ $EUID -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 ||
            die "missing Debian packages: ${missing[*]//|/ or }. Install them as root, then run this again."
        sudo=(sudo)
    fi
    say "installing Debian packages: ${missing[*]//|/ or }"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    for entry in "${missing[@]}"; do
        IFS='|' read -r -a alternatives <<<"$entry"
        chosen="${alternatives[0]}"
        for alternative in "${alternatives[@]}"; do
            if has_candidate "$alternative"; then chosen="$alternative"; break; fi
        done
        names+=("$chosen")
    done
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${names[@]}"
}

# The first python on PATH that is 3.11 or newer.
find_python() {
    local candidate
    for candidate in python3 python3.14 python3.13 python3.12 python3.11; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    return 1
}

venv_works() {
    [[ -x "$VENV/bin/python" ]] &&
        "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null &&
        "$VENV/bin/python" -m pip --version >/dev/null 2>&1
}

make_venv() {
    venv_works && return 0
    local python
    python="$(find_python)" || die "srt-tui needs Python 3.11 or newer and found none on PATH \
(python3, python3.11 ... python3.14). Install python3.11 and python3.11-venv (or newer), \
then run this again."
    if [[ -e "$VENV" ]]; then
        say "the virtualenv in .venv is broken or too old: making a new one"
        rm -rf "$VENV"
    fi
    say "making a virtualenv in .venv with $("$python" --version 2>&1)"
    "$python" -m venv "$VENV" ||
        die "'$python -m venv' failed: install the venv package for that Python \
(e.g. apt-get install python3-venv), then run this again."
}

# pip install the project (editable) unless this pyproject.toml was installed already.
install_project() {
    local extras="$1" want
    want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
    if [[ -f "$STAMP" ]]; then
        local have_hash have_extras
        read -r have_hash have_extras <"$STAMP" || true
        if [[ "$have_hash" == "$want" && ("$have_extras" == "$extras" || "$have_extras" == test) ]]; then
            return 0
        fi
    fi
    local target="$ROOT"
    [[ "$extras" == test ]] && target="$ROOT[test]"
    say "installing srt-tui and its Python packages into .venv"
    rm -f "$STAMP"
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q -e "$target"
    printf '%s %s\n' "$want" "$extras" >"$STAMP"
}

main() {
    [[ $# -ge 1 ]] || usage
    local mode="$1"
    shift
    cd "$ROOT"
    case "$mode" in
        run)
            install_debian_packages "${RUN_PACKAGES[@]}"
            make_venv
            install_project run
            [[ $# -gt 0 ]] || set -- --demo  # the README's run command is the demo
            exec "$VENV/bin/srt-tui" "$@"
            ;;
        test)
            install_debian_packages "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
            make_venv
            install_project test
            exec "$VENV/bin/python" -m pytest "$@"
            ;;
        *) usage ;;
    esac
}

main "$@"
