import Foundation
import GRDB

/// The consultations' part of `scrub db verify`: each consultation's number lists decode, hold
/// as many numbers as its count columns say, are disjoint and are numbers of its query; the
/// per-number answers agree with the lists; and a consulted source has no number table.
enum ConsultationVerification {
  static func verify(_ db: Database, problems: inout [String]) throws {
    guard try db.tableExists("consultation") else { return }
    var queries: [Int64: [Int64]?] = [:]
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT c.id, c.query_id, c.listed, c.clear, c.no_data, c.unanswered, c.listed_numbers,
          c.clear_numbers, c.no_data_numbers, s.name
        FROM consultation c JOIN source s ON s.id = c.source_id ORDER BY c.id
        """)
    for row in rows {
      let id: Int64 = row[0]
      let queryID: Int64 = row[1]
      let name: String = row[9]
      let about = "\(name): consultation \(id)"
      var lists: [(String, [Int64])] = []
      var damaged = false
      for (offset, label) in [(6, "listed"), (7, "clear"), (8, "no_data")] {
        let blob: Data = row[offset]
        do {
          lists.append((label, try NumberList.decode([UInt8](blob))))
        } catch {
          problems.append("\(about): its \(label) numbers cannot be read (\(error))")
          damaged = true
        }
      }
      guard !damaged else { continue }
      for (i, (label, numbers)) in lists.enumerated() {
        let stored: Int = row[2 + i]
        if stored != numbers.count {
          problems.append("\(about) says \(stored) \(label), its list holds \(numbers.count)")
        }
      }
      var all = lists.flatMap(\.1)
      all.sort()
      if zip(all, all.dropFirst()).contains(where: { $0 == $1 }) {
        problems.append("\(about): a number has two answers (its lists overlap)")
      }
      if queries[queryID] == nil {
        let blob = try Data?.fetchOne(
          db, sql: "SELECT number_list FROM consultation_query WHERE id = ?", arguments: [queryID])
        queries[queryID] = .some(try blob.flatMap { $0 }.map { try? NumberList.decode([UInt8]($0)) } ?? nil)
      }
      if case let queried?? = queries[queryID] {
        if all.contains(where: { !queried.binaryContains($0) }) {
          problems.append("\(about) answers a number its query \(queryID) did not ask about")
        }
        let unanswered: Int = row[5]
        if unanswered != queried.count - all.count {
          problems.append(
            "\(about) says \(unanswered) unanswered, its query \(queryID) leaves \(queried.count - all.count)"
          )
        }
      }
      var wrong = 0
      let answers = try Row.fetchCursor(
        db, sql: "SELECT number, answer FROM consultation_answer WHERE consultation_id = ?", arguments: [id])
      let verdicts = Dictionary(uniqueKeysWithValues: lists.map { ($0.0, $0.1) })
      while let answer = try answers.next() {
        let number: Int64 = answer[0]
        let verdict: String = answer[1]
        if verdicts[verdict]?.binaryContains(number) != true { wrong += 1 }
      }
      if wrong > 0 {
        problems.append("\(about): \(Formatting.counted(wrong, "per-number answer")) disagree with its lists")
      }
    }
  }
}
