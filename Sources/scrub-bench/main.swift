print("scrub-bench: see BENCHMARKS.md")
