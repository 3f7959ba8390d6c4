#!/usr/bin/env python3
"""Runs one example as a test and checks what it prints and writes.

usage: run-example.py --exe PATH [--expect REGEX]... [--file NAME]... [--oracle PCAP UAT]
                      [--oracle-tool PATH] [--identical NAME]... -- [example arguments]

Runs the example in a fresh working directory; fails unless it exits 0, every --expect regex
matches its standard output, every --file exists there and is not empty, and, with --oracle,
Wireshark's dissectors (tshark-ipsec-oracle) decrypt and authenticate every ESP/IKE packet of
the pcap with the keys of the UAT file the example wrote. With --identical, the example runs a
second time, with the same arguments, in another fresh directory, and every --identical file
must come out byte for byte the same (determinism: same RngSeed/RngRun, same capture).
"""

import argparse
import filecmp
import os
import re
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--exe", required=True)
    parser.add_argument("--expect", action="append", default=[])
    parser.add_argument("--file", action="append", default=[])
    parser.add_argument("--oracle", nargs=2, action="append", default=[], metavar=("PCAP", "UAT"))
    parser.add_argument("--oracle-tool", default="")
    parser.add_argument("--identical", action="append", default=[])
    parser.add_argument("args", nargs="*")
    options = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="ipsec-example-")
    run = subprocess.run([options.exe] + options.args, cwd=workdir, capture_output=True, text=True)
    sys.stdout.write(run.stdout)
    sys.stderr.write(run.stderr)
    failures = []
    if run.returncode != 0:
        failures.append(f"exit status {run.returncode}")
    for pattern in options.expect:
        if not re.search(pattern, run.stdout, re.MULTILINE):
            failures.append(f"output does not match /{pattern}/")
    for name in options.file:
        path = os.path.join(workdir, name)
        if not os.path.isfile(path) or os.path.getsize(path) == 0:
            failures.append(f"missing or empty output file {name}")
    for pcap, uat in options.oracle:
        check = subprocess.run(
            [sys.executable, options.oracle_tool, os.path.join(workdir, pcap), os.path.join(workdir, uat)],
            capture_output=True,
            text=True,
        )
        sys.stdout.write(check.stdout[-2000:])
        if check.returncode != 0:
            failures.append(f"tshark oracle rejected {pcap}: {check.stdout[-300:]}{check.stderr[-300:]}")
    if options.identical:
        again = tempfile.mkdtemp(prefix="ipsec-example-")
        rerun = subprocess.run([options.exe] + options.args, cwd=again, capture_output=True, text=True)
        if rerun.returncode != 0:
            failures.append(f"second run: exit status {rerun.returncode}")
        for name in options.identical:
            first, second = os.path.join(workdir, name), os.path.join(again, name)
            if not os.path.isfile(first) or os.path.getsize(first) == 0:
                failures.append(f"missing or empty output file {name}")
            elif not os.path.isfile(second) or not filecmp.cmp(first, second, shallow=False):
                failures.append(f"{name} differs between two runs with the same arguments")
            else:
                print(f"identical in both runs: {name} ({os.path.getsize(first)} octets)")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
