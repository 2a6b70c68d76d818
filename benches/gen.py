#!/usr/bin/env python3
"""Generates a benchmark site: N Markdown pages of 600-1,200 words with two
highlighted code blocks each, for `site` (content/) and, optionally, the same pages
for Hugo (hugo/content/). Deterministic for a given N."""
import os
import random
import sys

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


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    hugo = len(sys.argv) > 3 and sys.argv[3] == "--hugo"
    rng = random.Random(n)
    sections = [f"s{i}" for i in range(max(1, n // 100))]
    content = os.path.join(out, "content")
    for s in sections:
        os.makedirs(os.path.join(content, s), exist_ok=True)
        with open(os.path.join(content, s, "_index.md"), "w") as f:
            f.write(f"---\ntitle: Section {s}\n---\nPages of {s}.\n")
    with open(os.path.join(content, "_index.md"), "w") as f:
        f.write("---\ntitle: Benchmark\n---\n" + "".join(f"- [{s}](@/{s}/_index.md)\n" for s in sections))
    for i in range(n):
        with open(os.path.join(content, sections[i % len(sections)], f"p{i}.md"), "w") as f:
            f.write(page(i, rng, sections))
    with open(os.path.join(content, "site.yaml"), "w") as f:
        f.write("brand: {name: Bench, tagline: Generated}\ndomains:\n  - key: ai\n    host: bench.example\n"
                "    base_url: https://bench.example\n    language: en\n    direction: ltr\n    currency: USD\n"
                f"    title: Bench\n    sections: [{', '.join(sections)}]\n")
    if hugo:
        hugo_dir = os.path.join(out, "hugo")
        for s in sections:
            os.makedirs(os.path.join(hugo_dir, "content", s), exist_ok=True)
        for i in range(n):
            text = page(i, random.Random(i), sections).replace("](@/", "](/").replace(".md#", "/#")
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
