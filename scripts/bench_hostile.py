#!/usr/bin/env python3
"""Hostile-input benchmark: generates each class of hostile file into /tmp/rlint-hostile and
times `rlint --format json FILE >/dev/null` (and hadolint on the Dockerfiles, for comparison) with
/usr/bin/time -v: wall time, peak RSS and bytes written.

usage: scripts/bench_hostile.py [RLINT ...]   (default: target/release/rlint)
Several binaries (e.g. a build of main and one of the branch) are measured in the same run, so
before and after are compared on the same machine load. Every run has a 60 s timeout.
"""

import os
import shutil
import subprocess
import sys
import tempfile

OUT = "/tmp/rlint-hostile"
TEN_MB = 10 * 1024 * 1024
TIMEOUT = 60


def fill(head, line, size=TEN_MB):
    """`head`, then `line(i)` for i = 0, 1, ... until the text reaches `size` bytes."""
    parts, total, i = [head], len(head), 0
    while total < size:
        part = line(i)
        parts.append(part)
        total += len(part)
        i += 1
    return "".join(parts)


def case(name, file, head, line):
    """An input of 10 MB: `head`, then `line(i)` repeated."""
    return name, file, fill(head, line)


def inputs():
    """(name, file name, text): every hostile class of the brief."""
    yield case("10 MB of short RUN lines", "runs.Dockerfile", "FROM alpine:3.20\n", lambda i: f"RUN echo {i} && ls /usr\n")
    yield (
        "10 MB in ten 1 MB RUN lines",
        "long.Dockerfile",
        "FROM alpine:3.20\n"
        + "".join("RUN echo " + "a" * (TEN_MB // 10) + "\n" for _ in range(10)),
    )
    yield case("10 MB of stages", "stages.Dockerfile", "", lambda i: f"FROM alpine:3.20 AS s{i}\nRUN echo {i}\n")
    yield case("10 MB of heredocs", "heredocs.Dockerfile", "FROM alpine:3.20\n", lambda i: f"RUN <<EOF\necho {i}\nEOF\n")
    yield (
        "10 MB Compose file",
        "compose.yaml",
        fill(
            "services:\n",
            lambda i: f"  svc{i}:\n    image: acme/app:{i}\n    ports: [\"127.0.0.1:{10000 + i % 50000}:80\"]\n",
        ),
    )
    # YAML of a million nodes or more: each shape is 10 MB of one small unit.
    compose = "services:\n  app:\n    image: acme/app:1\n"
    yield (
        "Compose flow sequence of 5M items",
        "flow.compose.yaml",
        compose + "    command: [" + "1," * (TEN_MB // 2) + "1]\n",
    )
    yield case("Compose, 1M labels", "labels.compose.yaml", compose + "    labels:\n", lambda i: f"      l{i}: v\n")
    yield case("Compose, 1M environment entries", "env.compose.yaml", compose + "    environment:\n", lambda i: f"      - E{i}=1\n")
    yield (
        "Compose, 2M `${A}` in one command",
        "uses.compose.yaml",
        compose + "    command: echo" + " ${A}" * (TEN_MB // 5) + "\n",
    )
    yield (
        "Compose, 2M invalid `${1}` in one command",
        "badvars.compose.yaml",
        compose + "    command: echo" + " ${1}" * (TEN_MB // 5) + "\n",
    )
    yield case("Compose, 1M duplicate keys", "dupkeys.compose.yaml", compose, lambda i: "    image: x\n")
    yield case("2.6M YAML documents", "docs.compose.yaml", compose, lambda i: "---\n")
    yield (
        "workflow, 450k steps",
        ".github/workflows/steps.yml",
        fill(
            "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n",
            lambda i: f"      - run: echo {i}\n",
        ),
    )
    yield (
        "workflow, one 10 MB run block",
        ".github/workflows/block.yml",
        fill(
            "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n",
            lambda i: f"          echo {i}\n",
        ),
    )
    yield (
        "daemon.json, 5M-item list",
        "json/daemon.json",
        '{"dns": [' + "1," * (TEN_MB // 2) + "1]}",
    )
    yield (
        "Dockerrun.aws.json, 400k containers",
        "json/Dockerrun.aws.json",
        '{"AWSEBDockerrunVersion": 2, "containerDefinitions": ['
        + ",".join('{"name":"a%d","image":"x"}' % i for i in range(TEN_MB // 26))
        + "]}",
    )
    yield case(".env, 1M lines", "env/.env", "", lambda i: f"K{i}=v\n")
    yield case(".env, each line extends the last", "env-chain/.env", "K0=x\n", lambda i: f"K{i + 1}=${{K{i}}}x\n")
    yield case(".dockerignore, 870k patterns", "ignore/.dockerignore", "", lambda i: f"dir{i}/**\n")
    yield (
        "26 doubling global ARGs",
        "doubling-arg.Dockerfile",
        "ARG A0=xx\n"
        + "".join(f"ARG A{i}=${{A{i - 1}}}${{A{i - 1}}}\n" for i in range(1, 27))
        + "FROM alpine:$A26\n",
    )
    yield (
        "26 doubling ENVs in a stage",
        "doubling-env.Dockerfile",
        "FROM alpine:3.20\nENV A0=xx\n"
        + "".join(f"ENV A{i}=${{A{i - 1}}}${{A{i - 1}}}\n" for i in range(1, 27))
        + "RUN echo $A26\n",
    )
    for n in (1000, 2000):
        yield (
            f"{n} stages chained by COPY --from",
            f"chain{n}.Dockerfile",
            "FROM alpine:3.20 AS s0\n"
            + "".join(
                f"FROM alpine:3.20 AS s{i}\nCOPY --from=s{i - 1} /a /a\n" for i in range(1, n)
            ),
        )
    yield (
        "2000 stages chained by FROM",
        "from-chain.Dockerfile",
        "FROM alpine:3.20 AS s0\n"
        + "".join(f"FROM s{i - 1} AS s{i}\nWORKDIR w{i}\n" for i in range(1, 2000)),
    )


def measure(cmd):
    """(seconds, peak MiB, output bytes, note) of one run."""
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r") as stats:
        try:
            proc = subprocess.run(
                ["/usr/bin/time", "-v", "-o", stats.name, "timeout", str(TIMEOUT), *cmd],
                stdout=out,
                stderr=subprocess.DEVNULL,
            )
        except OSError as e:
            return None, None, None, str(e)
        size = out.seek(0, os.SEEK_END)
        fields = {}
        for line in stats.read().splitlines():
            key, _, value = line.strip().rpartition(": ")
            fields[key] = value
        wall = fields.get("Elapsed (wall clock) time (h:mm:ss or m:ss)", "0:0")
        seconds = sum(float(p) * 60**k for k, p in enumerate(reversed(wall.split(":"))))
        rss = int(fields.get("Maximum resident set size (kbytes)", "0")) / 1024
        note = "timeout" if proc.returncode == 124 else ""
        return seconds, rss, size, note


def human(n):
    for unit in ("B", "KB", "MB"):
        if n < 1000:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"


def main():
    binaries = sys.argv[1:] or ["target/release/rlint"]
    hadolint = shutil.which("hadolint")
    os.makedirs(OUT, exist_ok=True)
    print("| input | size | tool | time | max RSS | output |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, file, text in inputs():
        path = os.path.join(OUT, file)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        size = human(len(text.encode()))
        tools = [(b, [b, "--format", "json", path]) for b in binaries]
        if hadolint and file.endswith("Dockerfile"):
            tools.append(("hadolint", [hadolint, "--no-fail", "-f", "json", path]))
        for tool, cmd in tools:
            seconds, rss, out, note = measure(cmd)
            if seconds is None:
                print(f"| {name} | {size} | {tool} | {note} | | |")
                continue
            time = f"{seconds:.2f} s" + (f" ({note})" if note else "")
            print(f"| {name} | {size} | {tool} | {time} | {rss:.0f} MiB | {human(out)} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
