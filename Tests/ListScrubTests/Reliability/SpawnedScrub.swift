import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A `scrub` (or `scrub-bench`) process running in the background, for tests that must act while
/// it works: signal it, race it, or fill its disk. Output goes to files in the test's folder.
final class SpawnedScrub {
  let process: Process
  let stderrPath: String
  let stdoutPath: String

  init(
    _ arguments: [String], tool: String = "scrub", environment: [String: String] = [:],
    stdout: String? = nil, in dir: TestDirectory
  ) throws {
    process = ScrubBinary.process(arguments, tool: tool, environment: environment, in: dir)
    let tag = UUID().uuidString.prefix(8)
    stderrPath = dir.path + "/.stderr-\(tag)"
    stdoutPath = stdout ?? dir.path + "/.stdout-\(tag)"
    FileManager.default.createFile(atPath: stderrPath, contents: nil)
    if stdout == nil { FileManager.default.createFile(atPath: stdoutPath, contents: nil) }
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
    process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
    process.standardInput = FileHandle.nullDevice
    try process.run()
  }

  var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
  var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }

  /// Waits for the process to end; returns its exit status.
  @discardableResult
  func wait() -> Int32 {
    process.waitUntilExit()
    return process.terminationStatus
  }

  func signal(_ number: Int32) {
    kill(process.processIdentifier, number)
  }

  /// Polls `condition` every 10 ms for up to `seconds`; false when it never held.
  static func until(seconds: Double = 60, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      usleep(10_000)
    }
    return false
  }

  /// Runs `scrub-bench` to completion (generators for large inputs).
  static func bench(_ arguments: [String], in dir: TestDirectory) throws {
    let generator = try SpawnedScrub(arguments, tool: "scrub-bench", in: dir)
    guard generator.wait() == 0 else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: generator.stderr])
    }
  }
}
