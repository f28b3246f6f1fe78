import Foundation

/// What reading a registry file set produced: the numbers (unsorted, possibly repeated) and the
/// lines that were refused.
struct RegistryReadResult {
  var numbers: [Int64] = []
  var rowsRead: Int64 = 0
  var rejected: Int64 = 0
  var rejectedSample: [RejectedLine] = []
  var rejectedByReason: [String: Int64] = [:]

  static let sampleLimit = 10

  mutating func reject(file: String, line: Int, reason: String) {
    rejected += 1
    rejectedByReason[reason, default: 0] += 1
    if rejectedSample.count < RegistryReadResult.sampleLimit {
      rejectedSample.append(RejectedLine(file: file, line: line, reason: reason))
    }
  }
}
