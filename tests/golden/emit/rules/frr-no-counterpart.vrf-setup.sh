#!/bin/sh
# vrf-setup.sh: the Linux VRF devices and interface bindings that frr.conf needs (samples/rules/frr-no-counterpart.cfg).
# Printed by 'vrfleak emit --target frr'. Run it as root before FRR starts; running it
# again changes nothing.
set -eu

# add_vrf NAME TABLE: the VRF device NAME with routing table TABLE, up, and in TABLE
# an unreachable default route (metric 4278198272: distance 255 to FRR, so any other
# default route wins), so that a lookup the VRF has no route for ends there instead of
# going on to the main table (on OS9 a VRF without a route drops the packet).
add_vrf() {
  if ! ip link show dev "$1" >/dev/null 2>&1; then
    ip link add "$1" type vrf table "$2"
  fi
  ip link set dev "$1" up
  ip route replace unreachable default metric 4278198272 table "$2"
  ip -6 route replace unreachable default metric 4278198272 table "$2"
}

# add_loopback NAME: a dummy interface for an OS9 Loopback.
add_loopback() {
  if ! ip link show dev "$1" >/dev/null 2>&1; then
    ip link add "$1" type dummy
  fi
}

# bind IF VRF: interface IF (which must exist) into VRF.
bind() {
  if ! ip link show dev "$1" >/dev/null 2>&1; then
    echo "vrf-setup.sh: there is no interface '$1' (create it, or correct the port map)" >&2
    exit 1
  fi
  ip link set dev "$1" master "$2"
}

: # no VRF and no interface to set up
