import Foundation

extension OptOutAudit {
  /// The text output of `scrub audit optouts`: a row per opt-out request received in the
  /// window (or a line saying there was none), then the totals line.
  public var textReport: String {
    var rows = [
      ["EVENT", "TARGET", "SCOPE", "RECEIVED", "ZONE", "CHANNEL", "RECORDED", "DEADLINE", "RULE", "STATUS"]
    ]
    for r in requests {
      var status = r.recordedLate ? "RECORDED LATE" : "ok"
      if let void = r.event.voided {
        status = void.label
      } else if !r.missedByRuns.isEmpty {
        status = "MISSED by run \(r.missedByRuns.map(String.init).joined(separator: ","))"
      }
      rows.append([
        "\(r.event.id)", r.event.target.description, r.event.scope.description, r.event.receivedLocal,
        r.event.zoneName, r.event.channel.rawValue, r.event.recordedLocal,
        r.deadline.description, r.due.label, status,
      ])
    }
    let table =
      requests.isEmpty ? "no opt-out requests received from \(from) to \(to)" : Formatting.table(rows)
    let channels = byChannel.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    let voided = requests.filter { $0.event.voided != nil }.count
    let voidedText = voided > 0 ? " and \(voided) voided as recorded in error" : ""
    return table + "\n"
      + "\(Formatting.counted(requests.count - voided, "request"))\(voidedText) (\(channels.joined(separator: ", "))); \(recordedLate) recorded late; \(missed) missed by any of \(Formatting.counted(runsConsidered, "run"))"
  }

  /// Whether a request was recorded late or missed by a run (`--fail-on-miss`).
  public var hasFindings: Bool { recordedLate > 0 || missed > 0 }
}
