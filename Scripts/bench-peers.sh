#!/usr/bin/env bash
# Kept for old habits: the peer benchmark lives in Benchmarks/ (see Benchmarks/README.md).
#   Scripts/bench-peers.sh [province|national|national27] [peer ...]  =  Benchmarks/run.sh ...
exec "$(dirname "$0")/../Benchmarks/run.sh" "$@"
