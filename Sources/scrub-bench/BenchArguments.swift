/// The `--name value` options (and bare `--flag`s) every scrub-bench mode takes: a mode names
/// the ones it knows and reads them typed; an unknown one is an error, not silently ignored.
struct BenchArguments {
  private var values: [String: String] = [:]
  private var flags: Set<String> = []

  init(_ arguments: [String], options: Set<String>, flags known: Set<String> = []) throws {
    var i = 0
    while i < arguments.count {
      let name = arguments[i]
      if known.contains(name) {
        flags.insert(name)
        i += 1
      } else if options.contains(name) {
        guard i + 1 < arguments.count else { throw BenchError.usage("\(name) needs a value") }
        values[name] = arguments[i + 1]
        i += 2
      } else {
        throw BenchError.usage("unknown option \(name)")
      }
    }
  }

  func string(_ name: String, _ fallback: String) -> String { values[name] ?? fallback }

  func int(_ name: String, _ fallback: Int) throws -> Int { try value(name, fallback, Int.init) }

  func uint64(_ name: String, _ fallback: UInt64) throws -> UInt64 { try value(name, fallback, UInt64.init) }

  func double(_ name: String, _ fallback: Double) throws -> Double { try value(name, fallback, Double.init) }

  func flag(_ name: String) -> Bool { flags.contains(name) }

  private func value<T>(_ name: String, _ fallback: T, _ parse: (String) -> T?) throws -> T {
    guard let text = values[name] else { return fallback }
    guard let parsed = parse(text) else { throw BenchError.usage("\(name) \(text) is not a number") }
    return parsed
  }
}
