import Foundation

// Dispatches on the first argument; each mode lives in its own file. See BENCHMARKS.md.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "phone":
  PhoneBench.run(Array(arguments.dropFirst()))
case "registry-gen":
  do {
    try RegistryGen(arguments: Array(arguments.dropFirst())).run()
  } catch {
    FileHandle.standardError.write(Data("scrub-bench: \(error)\n".utf8))
    exit(64)
  }
case "leads-gen":
  do {
    try LeadsGen(arguments: Array(arguments.dropFirst())).run()
  } catch {
    FileHandle.standardError.write(Data("scrub-bench: \(error)\n".utf8))
    exit(64)
  }
case "csv-parse":
  do {
    try CSVParseBench.run(Array(arguments.dropFirst()))
  } catch {
    FileHandle.standardError.write(Data("scrub-bench: \(error)\n".utf8))
    exit(64)
  }
default:
  print(
    """
    usage: scrub-bench phone [--mix nanp|vendor] [--threads N] [--count N]
           scrub-bench registry-gen --numbers N --out DIR [--churn F] [--change-list N] [--seed S]
           scrub-bench leads-gen --rows N --out FILE [--seed S]
           scrub-bench csv-parse FILE
    (see BENCHMARKS.md)
    """)
}
