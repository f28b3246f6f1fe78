// Dispatches on the first argument; each mode lives in its own file.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "phone":
  PhoneBench.run(Array(arguments.dropFirst()))
default:
  print("usage: scrub-bench phone [--mix nanp|vendor] [--threads N] [--count N] (see BENCHMARKS.md)")
}
