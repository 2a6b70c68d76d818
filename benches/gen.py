#!/usr/bin/env python3
"""Generates a benchmark site of N Markdown pages for `site` (content/) and, optionally,
the same pages for Hugo (hugo/content/). Deterministic for a given N and profile.

Profiles (`--profile NAME`, default `light`):
- light: pages of 600-1,200 words with two small code blocks (Rust 5 lines, YAML 3) and one
  internal link, 100 pages per flat section.
- code: shaped like real docs: 600-1,300 words, about 40 highlighted code lines in two blocks
  (two of Rust, YAML, bash, JSON, each line different from page to page), 3-18 internal links
  (about 10), 50 pages per leaf section under 20 leaves per group (211 sections at 10,000).

Usage: gen.py N OUT [--hugo] [--profile light|code]"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_code as code_heavy  # noqa: E402

WORDS = ("factory template agent runtime event module service platform squad outcome "
         "pricing decision record customer code ownership cloud native pipeline tenant "
         "identity audit billing release review merge deploy contract schema query").split()

RUST = '''```rust
fn total(prices: &[u32], seats: u32) -> u32 {{
    let base: u32 = prices.iter().sum();
    // page {n}: seats multiply the base price
    base * seats.max(1)
}}
```'''

YAML = '''```yaml
plan: growth-{n}
monthly: {{ USD: {p}, ILS: {q} }}
features: [sso, audit, "export"]
```'''


def paragraph(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def page(n, rng, sections):
    words = rng.randint(600, 1200)
    parts = [f"---\ntitle: Page {n}\ndescription: Generated page {n}.\ndate: 2026-01-{1 + n % 28:02d}\nweight: {n}\n---\n"]
    per = words // 6
    for i in range(6):
        parts.append(f"## Part {i}\n\n{paragraph(rng, per)}\n")
        if i == 1:
            parts.append(RUST.format(n=n) + "\n")
        if i == 3:
            parts.append(YAML.format(n=n, p=n % 900 + 100, q=(n % 900 + 100) * 4) + "\n")
        if i == 4 and n > 0:
            target = rng.randrange(0, n)
            parts.append(f"See [page {target}](@/{sections[target % len(sections)]}/p{target}.md#part-1).\n")
    return "\n".join(parts)


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def main():
    args = sys.argv[1:]
    profile = "light"
    if "--profile" in args:
        i = args.index("--profile")
        profile = args[i + 1]
        del args[i:i + 2]
    if profile not in ("light", "code"):
        sys.exit(f"gen.py: unknown profile {profile!r} (light or code)")
    n = int(args[0])
    out = args[1]
    hugo = len(args) > 2 and args[2] == "--hugo"
    content = os.path.join(out, "content")
    if profile == "code":
        top = code_heavy.layout(n, content)
        sections = code_heavy.leaves(n)
        make = code_heavy.page
    else:
        sections = [f"s{i}" for i in range(max(1, n // 100))]
        top, make = sections, page
        for s in sections:
            os.makedirs(os.path.join(content, s), exist_ok=True)
            write(os.path.join(content, s, "_index.md"), f"---\ntitle: Section {s}\n---\nPages of {s}.\n")
        write(os.path.join(content, "_index.md"),
              "---\ntitle: Benchmark\n---\n" + "".join(f"- [{s}](@/{s}/_index.md)\n" for s in sections))
    rng = random.Random(n)
    for i in range(n):
        write(os.path.join(content, sections[i % len(sections)], f"p{i}.md"), make(i, rng, sections))
    write(os.path.join(content, "site.yaml"),
          "brand: {name: Bench, tagline: Generated}\ndomains:\n  - key: ai\n    host: bench.example\n"
          "    base_url: https://bench.example\n    language: en\n    direction: ltr\n    currency: USD\n"
          f"    title: Bench\n    sections: [{', '.join(top)}]\n")
    if hugo:
        hugo_dir = os.path.join(out, "hugo")
        for s in sections:
            os.makedirs(os.path.join(hugo_dir, "content", s), exist_ok=True)
        for i in range(n):
            text = make(i, random.Random(i), sections).replace("](@/", "](/").replace(".md#", "/#")
            with open(os.path.join(hugo_dir, "content", sections[i % len(sections)], f"p{i}.md"), "w") as f:
                f.write(text)
        os.makedirs(os.path.join(hugo_dir, "layouts", "_default"), exist_ok=True)
        with open(os.path.join(hugo_dir, "layouts", "_default", "single.html"), "w") as f:
            f.write("<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><main>"
                    "<h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}</main></body></html>")
        with open(os.path.join(hugo_dir, "layouts", "_default", "list.html"), "w") as f:
            f.write("<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><ul>"
                    "{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>")
        with open(os.path.join(hugo_dir, "hugo.toml"), "w") as f:
            f.write('baseURL = "https://bench.example/"\ntitle = "Bench"\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
                    '[markup.highlight]\nnoClasses = false\n')


if __name__ == "__main__":
    main()
