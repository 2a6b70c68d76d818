"""The `code` profile of benches/gen.py: pages shaped like real documentation.

600-1,300 words in six parts, two fenced blocks of about 20 lines each in two of Rust,
YAML, bash and JSON (identifiers and numbers drawn per page, so lines differ between pages
as they do in real docs), 3-18 internal links, 50 pages per leaf section, 20 leaf sections
per group under one top-level `docs` section."""
import os

WORDS = ("configure deploy tenant cluster request latency cache index schema token release "
         "rollback migration endpoint queue worker retry budget quota region replica shard "
         "policy audit secret rotate webhook payload header timeout backoff metric alert the "
         "a of to and in for with on when each every before after").split()
NAMES = "alpha beta gamma delta orders users invoices events jobs tokens plans seats quotas".split()
PER_LEAF = 50
LEAVES_PER_GROUP = 20


def leaves(n):
    """Leaf section paths (relative to content/), one per 50 pages (at least 50 in each,
    so links into the first 50 x leaves pages always resolve)."""
    count = max(1, n // PER_LEAF)
    return [f"docs/g{i // LEAVES_PER_GROUP}/s{i}" for i in range(count)]


def layout(n, content):
    """Writes the section indexes; returns the domain's top-level sections."""
    paths = leaves(n)
    groups = sorted({p.rsplit("/", 1)[0] for p in paths}, key=lambda g: int(g.rsplit("g", 1)[1]))
    os.makedirs(os.path.join(content, "docs"), exist_ok=True)
    with open(os.path.join(content, "_index.md"), "w") as f:
        f.write("---\ntitle: Benchmark\n---\nDocumentation, generated.\n\n- [Docs](@/docs/_index.md)\n")
    with open(os.path.join(content, "docs", "_index.md"), "w") as f:
        f.write("---\ntitle: Docs\n---\n" + "".join(f"- [{g}](@/{g}/_index.md)\n" for g in groups))
    for g in groups:
        os.makedirs(os.path.join(content, g), exist_ok=True)
        with open(os.path.join(content, g, "_index.md"), "w") as f:
            f.write(f"---\ntitle: Group {g.rsplit('/', 1)[1]}\ndescription: Guides of {g}.\n---\nGuides.\n")
    for p in paths:
        os.makedirs(os.path.join(content, p), exist_ok=True)
        with open(os.path.join(content, p, "_index.md"), "w") as f:
            f.write(f"---\ntitle: Topic {p.rsplit('/', 1)[1]}\ndescription: Pages of {p}.\n---\nPages.\n")
    return ["docs"]


def ident(rng):
    return f"{rng.choice(NAMES)}_{rng.randrange(1000)}"


def rust_line(rng, i):
    kind = i % 5
    if kind == 0:
        return f"    let {ident(rng)} = {ident(rng)}.iter().map(|x| x * {rng.randrange(99)}).sum::<u64>();"
    if kind == 1:
        return f"    // step {i}: {rng.choice(WORDS)} the {rng.choice(WORDS)} before {rng.choice(WORDS)}"
    if kind == 2:
        return f"    if {ident(rng)}.len() > {rng.randrange(500)} {{ return Err(Error::Limit(\"{ident(rng)}\")); }}"
    if kind == 3:
        return f"    {ident(rng)}.insert(\"{ident(rng)}\".to_string(), {rng.random() * 100:.2f});"
    return f"    let {ident(rng)}: Option<&str> = Some(\"{rng.choice(WORDS)}\");"


def yaml_line(rng, i):
    kind = i % 4
    if kind == 0:
        return f"{ident(rng)}:"
    if kind == 1:
        return f"  {rng.choice(NAMES)}: {rng.randrange(10000)}  # {rng.choice(WORDS)}"
    if kind == 2:
        return f"  {rng.choice(NAMES)}: \"{rng.choice(WORDS)}-{rng.randrange(100)}\""
    return f"  enabled: {rng.choice(['true', 'false'])}"


def bash_line(rng, i):
    kind = i % 4
    if kind == 0:
        return f"export {ident(rng).upper()}=\"{rng.choice(WORDS)}-{rng.randrange(100)}\""
    if kind == 1:
        return f"if [ -f \"$HOME/{ident(rng)}.conf\" ]; then echo \"found {rng.randrange(50)}\"; fi"
    if kind == 2:
        return f"curl -sS -H 'Accept: application/json' \"https://api.example/{ident(rng)}?n={rng.randrange(99)}\" | jq '.items'"
    return f"# {rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(WORDS)}"


def json_line(rng, i, last):
    comma = "" if last else ","
    kind = i % 3
    if kind == 0:
        return f"  \"{ident(rng)}\": {rng.randrange(100000)}{comma}"
    if kind == 1:
        return f"  \"{ident(rng)}\": \"{rng.choice(WORDS)} {rng.choice(WORDS)}\"{comma}"
    return f"  \"{ident(rng)}\": [{rng.randrange(9)}, {rng.randrange(9)}, {rng.choice(['true', 'null'])}]{comma}"


def block(lang, rng, lines):
    if lang == "rust":
        body = [f"fn {ident(rng)}(input: &[u64]) -> Result<u64, Error> {{"]
        body += [rust_line(rng, i) for i in range(lines - 3)] + ["    Ok(0)", "}"]
    elif lang == "yaml":
        body = [yaml_line(rng, i) for i in range(lines)]
    elif lang == "bash":
        body = ["#!/usr/bin/env bash", "set -euo pipefail"] + [bash_line(rng, i) for i in range(lines - 2)]
    else:
        body = ["{"] + [json_line(rng, i, i == lines - 3) for i in range(lines - 2)] + ["}"]
    return f"```{lang}\n" + "\n".join(body) + "\n```\n"


def sentence(rng, words, links):
    out = [rng.choice(WORDS) for _ in range(words)]
    for (target, fragment), at in zip(links, rng.sample(range(len(out)), len(links))):
        out[at] = f"[{out[at]}](@/{target}.md{fragment})"
    return " ".join(out).capitalize() + "."


def page(n, rng, sections):
    words = rng.randint(600, 1300)
    total = len(sections) * PER_LEAF
    links = [(f"{sections[t % len(sections)]}/p{t}", rng.choice(["", "#part-1", "#part-3"]))
             for t in (rng.randrange(total) for _ in range(rng.randint(3, 18)))]
    links = [(p, f) for p, f in links if p.rsplit("/p", 1)[1] != str(n)]
    langs = rng.sample(["rust", "yaml", "bash", "json"], 2)
    lines = rng.randint(17, 23)
    parts = [f"---\ntitle: Guide {n}, {rng.choice(WORDS)} {rng.choice(WORDS)}\n"
             f"description: Generated guide {n}.\ndate: 2026-01-{1 + n % 28:02d}\nweight: {n % PER_LEAF}\n---\n"]
    per = words // 6
    for i in range(6):
        mine = links[i::6]
        parts.append(f"## Part {i}\n\n{sentence(rng, per, mine)}\n")
        if i == 1:
            parts.append(block(langs[0], rng, lines))
        if i == 4:
            parts.append(block(langs[1], rng, 40 - lines))
    return "\n".join(parts)
