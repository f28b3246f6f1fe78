/// CPU seconds per phase of one thread's work, summed over batches.
struct PhaseTimes {
  private(set) var phases: [(name: String, seconds: Double)] = []
  private var last = ThreadClock.seconds()

  /// Starts timing on the calling thread (the one `lap` will be called on).
  mutating func start() { last = ThreadClock.seconds() }

  /// Adds the CPU time since the last lap (or `start`) to `name`.
  mutating func lap(_ name: String) {
    let now = ThreadClock.seconds()
    if let i = phases.firstIndex(where: { $0.name == name }) {
      phases[i].seconds += now - last
    } else {
      phases.append((name, now - last))
    }
    last = now
  }

  var total: Double { phases.reduce(0) { $0 + $1.seconds } }

  var summary: String {
    phases.map { "\($0.name) \(String(format: "%.2f", $0.seconds))" }.joined(separator: ", ")
  }
}
