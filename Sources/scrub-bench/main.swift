import Foundation

// Benchmark tools; each mode lives in its own file. See BENCHMARKS.md for the commands.
let arguments = Array(CommandLine.arguments.dropFirst())
do {
  switch arguments.first {
  case "registry-gen":
    try RegistryGen(arguments: Array(arguments.dropFirst())).run()
  default:
    FileHandle.standardError.write(Data("usage: scrub-bench registry-gen [options]\n".utf8))
    exit(64)
  }
} catch {
  FileHandle.standardError.write(Data("scrub-bench: \(error)\n".utf8))
  exit(1)
}
