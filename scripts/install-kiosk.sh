#!/usr/bin/env bash
# Install this source tree as the kiosk on a Debian 12 machine (as root):
#   - the unprivileged user "kiosk" (groups dialout, lp, video, input, render)
#   - the tree copied to /opt/kiosk and scripts/setup.sh run there (apt packages, .venv)
#   - /etc/kiosk/kiosk.toml (created once; kept on re-install)
#   - systemd units (cage session, or X11 with --display x11), nightly restart timer from [ops],
#     udev rules, logrotate, PAM service; the kiosk unit enabled
#
#   scripts/install-kiosk.sh --dry-run          print every step, change nothing
#   scripts/install-kiosk.sh [--display cage|x11] [--config FILE] [--start]
#       --config FILE  this terminal's configuration, installed as /etc/kiosk/kiosk.toml
#
# Re-running is safe: each step checks or overwrites. See docs/deployment.md.
set -euo pipefail

SRC=$(cd "$(dirname "$0")/.." && pwd)
PREFIX=/opt/kiosk
KIOSK_USER=kiosk
GROUPS_WANTED=(dialout lp video input render)
DISPLAY_STACK=cage
DRY_RUN=0
START=0
SITE_CONFIG=""

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case "$1" in
        --dry-run) DRY_RUN=1 ;;
        --start) START=1 ;;
        --display) shift; DISPLAY_STACK=${1:-} ;;
        --display=*) DISPLAY_STACK=${1#--display=} ;;
        --config) shift; SITE_CONFIG=${1:-} ;;
        --config=*) SITE_CONFIG=${1#--config=} ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install-kiosk: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
case "$DISPLAY_STACK" in
    cage) UNIT=kiosk.service; OTHER_UNIT=kiosk-xinit.service; DISPLAY_PACKAGES=(cage libwayland-cursor0 libwayland-egl1) ;;
    x11) UNIT=kiosk-xinit.service; OTHER_UNIT=kiosk.service; DISPLAY_PACKAGES=(xserver-xorg-core xserver-xorg-input-libinput xinit x11-xserver-utils) ;;
    *) echo "install-kiosk: --display must be 'cage' or 'x11' (got '$DISPLAY_STACK')" >&2; exit 2 ;;
esac

if [ -n "$SITE_CONFIG" ] && [ ! -f "$SITE_CONFIG" ]; then
    echo "install-kiosk: --config $SITE_CONFIG: no such file" >&2
    exit 2
fi
if [ "$DRY_RUN" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
    echo "install-kiosk: run as root (or with --dry-run to see the steps)" >&2
    exit 2
fi

step() { echo "==> $*"; }
# run CMD...: execute, or print it in a dry run.
run() {
    if [ "$DRY_RUN" -eq 1 ]; then
        echo "    would run: $*"
    else
        "$@"
    fi
}
# install_file MODE SRC DEST
install_file() { run install -D -m "$1" "$2" "$3"; }
# write_file MODE DEST <<< CONTENT
write_file() {
    local mode=$1 dest=$2 content
    content=$(cat)
    if [ "$DRY_RUN" -eq 1 ]; then
        echo "    would write $dest (mode $mode):"
        printf '%s\n' "$content" | sed 's/^/      | /'
    else
        install -d "$(dirname "$dest")"
        printf '%s\n' "$content" > "$dest"
        chmod "$mode" "$dest"
    fi
}

# read_ops: NIGHTLY and QUIET_HOUR from [ops] of the effective configuration, read by the installed
# code (the source tree's before set-up); stops the install if the configuration is invalid.
read_ops() {
    local kioskctl="$PREFIX/.venv/bin/kioskctl" file="" json
    [ -x "$kioskctl" ] || kioskctl="$SRC/.venv/bin/kioskctl"
    if [ -n "$SITE_CONFIG" ]; then file=$SITE_CONFIG
    elif [ -f /etc/kiosk/kiosk.toml ]; then file=/etc/kiosk/kiosk.toml; fi
    NIGHTLY=false QUIET_HOUR=03:30
    if [ ! -x "$kioskctl" ]; then
        echo "    no kioskctl yet; [ops] defaults assumed (nightly_restart=$NIGHTLY, quiet_hour=$QUIET_HOUR)"
        return 0
    fi
    if ! json=$("$kioskctl" config check --json ${file:+"$file"}); then
        echo "install-kiosk: configuration ${file:-(defaults)} is invalid (see above); nothing more installed" >&2
        exit 2
    fi
    read -r NIGHTLY QUIET_HOUR < <(printf '%s' "$json" | python3 -c \
        'import json,sys; o=json.load(sys.stdin)["ops"]; print(str(o["nightly_restart"]).lower(), o["quiet_hour"])')
}

step "check the configuration"
read_ops
echo "    [ops] nightly_restart=$NIGHTLY quiet_hour=$QUIET_HOUR"

step "packages for the display stack ($DISPLAY_STACK) and log rotation"
run apt-get install -y --no-install-recommends "${DISPLAY_PACKAGES[@]}" logrotate

step "user $KIOSK_USER with groups ${GROUPS_WANTED[*]}"
if id "$KIOSK_USER" >/dev/null 2>&1; then
    run usermod --append --groups "$(IFS=,; echo "${GROUPS_WANTED[*]}")" "$KIOSK_USER"
else
    run useradd --system --create-home --home-dir "/var/lib/$KIOSK_USER-home" --shell /usr/sbin/nologin \
        --user-group --groups "$(IFS=,; echo "${GROUPS_WANTED[*]}")" "$KIOSK_USER"
fi

step "copy $SRC to $PREFIX (without .venv, .git, caches)"
run install -d -m 0755 "$PREFIX"
if [ "$DRY_RUN" -eq 1 ]; then
    echo "    would run: tar -C $SRC --exclude=./.venv --exclude=./.git --exclude=__pycache__ -cf - . | tar -C $PREFIX -xf -"
else
    tar -C "$SRC" --exclude=./.venv --exclude=./.git --exclude=__pycache__ --exclude=.pytest_cache -cf - . \
        | tar -C "$PREFIX" --no-same-owner -xf -
fi

step "python environment in $PREFIX/.venv (scripts/setup.sh)"
run bash "$PREFIX/scripts/setup.sh"

step "configuration /etc/kiosk/kiosk.toml (only the keys that differ from $PREFIX/config/kiosk.toml)"
if [ -n "$SITE_CONFIG" ]; then
    install_file 0640 "$SITE_CONFIG" /etc/kiosk/kiosk.toml
    run chgrp "$KIOSK_USER" /etc/kiosk/kiosk.toml
elif [ -f /etc/kiosk/kiosk.toml ]; then
    echo "    keeping existing /etc/kiosk/kiosk.toml"
else
    write_file 0640 /etc/kiosk/kiosk.toml <<'EOF'
# Site configuration of this terminal; defaults in /opt/kiosk/config/kiosk.toml.
# Check with: KIOSK_CONFIG=/etc/kiosk/kiosk.toml /opt/kiosk/.venv/bin/kioskctl config check
[paths]
data_dir = "/var/lib/kiosk"        # systemd StateDirectory=kiosk
log_dir = "/var/log/kiosk"         # systemd LogsDirectory=kiosk, rotated by /etc/logrotate.d/kiosk

[ops]
nightly_restart = false
quiet_hour = "03:30"
EOF
    run chgrp "$KIOSK_USER" /etc/kiosk/kiosk.toml
fi

step "systemd units, PAM service, udev rules, logrotate"
for unit in kiosk.service kiosk-xinit.service kiosk-nightly-restart.service kiosk-nightly-restart.timer; do
    install_file 0644 "$SRC/deploy/systemd/$unit" "/etc/systemd/system/$unit"
done
install_file 0644 "$SRC/deploy/pam.d/kiosk" /etc/pam.d/kiosk
install_file 0644 "$SRC/deploy/udev/99-kiosk.rules" /etc/udev/rules.d/99-kiosk.rules
install_file 0644 "$SRC/deploy/logrotate/kiosk" /etc/logrotate.d/kiosk
if [ "$DISPLAY_STACK" = x11 ]; then
    install_file 0644 "$SRC/deploy/xorg/10-kiosk.conf" /etc/X11/xorg.conf.d/10-kiosk.conf
    # Debian's Xorg wrapper: let the service user start X on its own console (rootless, via logind).
    write_file 0644 /etc/X11/Xwrapper.config <<'EOF'
allowed_users=anybody
needs_root_rights=no
EOF
fi
run udevadm control --reload-rules
run udevadm trigger --subsystem-match=tty --subsystem-match=usb --subsystem-match=usbmisc

step "nightly restart from [ops] of the configuration"
read_ops
write_file 0644 /etc/systemd/system/kiosk-nightly-restart.timer.d/quiet-hour.conf <<EOF
# Written by install-kiosk.sh from [ops] quiet_hour; re-run the installer after changing it.
[Timer]
OnCalendar=
OnCalendar=*-*-* $QUIET_HOUR:00
EOF
run systemctl daemon-reload
if [ "$NIGHTLY" = true ]; then
    run systemctl enable kiosk-nightly-restart.timer
    run systemctl restart kiosk-nightly-restart.timer
else
    echo "    [ops] nightly_restart = false: timer disabled"
    run systemctl disable --now kiosk-nightly-restart.timer
fi

step "enable $UNIT (boot to the kiosk on tty1)"
run systemctl disable "$OTHER_UNIT"
run systemctl disable getty@tty1.service
run systemctl set-default graphical.target
run systemctl enable "$UNIT"
if [ "$START" -eq 1 ]; then
    run systemctl restart "$UNIT"
else
    echo "    start it now with: systemctl start $UNIT (or reboot)"
fi
step "done$([ "$DRY_RUN" -eq 1 ] && echo ' (dry run: nothing was changed)')"
