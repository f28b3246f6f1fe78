import Foundation
import Testing

/// The library's folders depend on each other in one direction only: a folder whose files use
/// another folder's types, and whose types that folder uses in turn, is one responsibility split
/// in two (or two tangled into one), and neither can be read, tested or moved alone.
///
/// The graph comes from the sources: the types each folder declares at the top level, and the
/// capitalized names each file uses outside comments and string text (an interpolation is
/// code). A folder uses another when one of its files names one of the other's types.
@Suite struct FolderDependencyTests {
  static let library = CrashTestScriptTests.packageRoot.appendingPathComponent("Sources/ListScrub")

  /// One use that makes an edge: `file` (relative to the library) names `type`.
  struct Use: Hashable, Comparable, CustomStringConvertible {
    var file: String
    var type: String
    static func < (a: Use, b: Use) -> Bool { (a.file, a.type) < (b.file, b.type) }
    var description: String { "\(file) uses \(type)" }
  }

  /// Every folder's edges: `graph[from][to]` is the uses that make `from` depend on `to`.
  static func graph() throws -> [String: [String: Set<Use>]] {
    var files: [(folder: String, path: String, code: String)] = []
    let walker = FileManager.default.enumerator(atPath: library.path)!
    while let path = walker.nextObject() as? String {
      guard path.hasSuffix(".swift"), let folder = path.split(separator: "/").first, path.contains("/") else {
        continue
      }
      let text = try String(contentsOf: library.appendingPathComponent(path), encoding: .utf8)
      files.append((String(folder), path, code(text)))
    }
    var home: [String: String] = [:]  // type name → the folder that declares it
    for file in files {
      for name in topLevelTypes(file.code) { home[name] = file.folder }
    }
    var graph: [String: [String: Set<Use>]] = [:]
    for file in files {
      for name in identifiers(file.code) {
        guard let to = home[name], to != file.folder else { continue }
        graph[file.folder, default: [:]][to, default: []].insert(Use(file: file.path, type: name))
      }
    }
    return graph
  }

  /// `text` without comments and without the literal text of its strings; interpolations stay.
  static func code(_ text: String) -> String {
    let chars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    // Each open string: whether it is multi-line, and the depth of parentheses of each
    // interpolation inside it.
    var strings: [(multiline: Bool, parens: Int)] = []
    var inString = false
    func at(_ s: String, _ j: Int) -> Bool {
      let p = Array(s.unicodeScalars)
      return j + p.count <= chars.count && Array(chars[j..<j + p.count]) == p
    }
    while i < chars.count {
      let c = chars[i]
      if inString {
        let current = strings[strings.count - 1]
        if c == "\\" && i + 1 < chars.count && chars[i + 1] == "(" {
          strings[strings.count - 1].parens = 1
          inString = false
          out.append(" ")
          i += 2
        } else if c == "\\" {
          i += 2
        } else if current.multiline ? at("\"\"\"", i) : c == "\"" {
          strings.removeLast()
          inString = false
          i += current.multiline ? 3 : 1
          // Back in the interpolation that holds this string, if any.
        } else {
          if c == "\n" { out.append("\n") }
          i += 1
        }
        continue
      }
      if at("//", i) {
        while i < chars.count && chars[i] != "\n" { i += 1 }
      } else if at("/*", i) {
        while i < chars.count && !at("*/", i) { i += 1 }
        i += 2
      } else if c == "\"" {
        let multiline = at("\"\"\"", i)
        strings.append((multiline, 0))
        inString = true
        i += multiline ? 3 : 1
      } else {
        if let last = strings.last, last.parens > 0 {
          if c == "(" { strings[strings.count - 1].parens += 1 }
          if c == ")" {
            strings[strings.count - 1].parens -= 1
            if strings[strings.count - 1].parens == 0 {
              inString = true
              i += 1
              continue
            }
          }
        }
        out.append(c)
        i += 1
      }
    }
    return String(out)
  }

  /// The types declared at the top level (not nested, not in an extension) of `code`.
  static func topLevelTypes(_ code: String) -> [String] {
    let declaration = try! NSRegularExpression(
      pattern:
        #"^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private|final|indirect|nonisolated(?:\(unsafe\))?)\s+)*(?:struct|enum|class|actor|protocol|typealias)\s+([A-Z]\w*)"#,
      options: [.anchorsMatchLines])
    let range = NSRange(code.startIndex..., in: code)
    return declaration.matches(in: code, range: range).map { String(code[Range($0.range(at: 1), in: code)!]) }
  }

  static func identifiers(_ code: String) -> Set<String> {
    let word = try! NSRegularExpression(pattern: #"\b[A-Z][A-Za-z0-9_]*\b"#)
    let range = NSRange(code.startIndex..., in: code)
    return Set(word.matches(in: code, range: range).map { String(code[Range($0.range, in: code)!]) })
  }

  /// The strongly connected components of more than one folder: each is a circle (Tarjan).
  static func circles(_ graph: [String: [String: Set<Use>]]) -> [[String]] {
    var index: [String: Int] = [:]
    var low: [String: Int] = [:]
    var stack: [String] = []
    var onStack: Set<String> = []
    var found: [[String]] = []
    func visit(_ v: String) {
      index[v] = index.count
      low[v] = index[v]
      stack.append(v)
      onStack.insert(v)
      for w in (graph[v] ?? [:]).keys.sorted() {
        if index[w] == nil {
          visit(w)
          low[v] = min(low[v]!, low[w]!)
        } else if onStack.contains(w) {
          low[v] = min(low[v]!, index[w]!)
        }
      }
      guard low[v] == index[v] else { return }
      var component: [String] = []
      while let w = stack.popLast() {
        onStack.remove(w)
        component.append(w)
        if w == v { break }
      }
      if component.count > 1 { found.append(component.sorted()) }
    }
    let folders = Set(graph.keys).union(graph.values.flatMap(\.keys))
    for folder in folders.sorted() where index[folder] == nil { visit(folder) }
    return found.sorted { $0.lexicographicallyPrecedes($1) }
  }

  @Test func noFolderDependsOnItselfThroughAnother() throws {
    let graph = try Self.graph()
    // The scan sees the library: every folder, and the uses known to exist.
    #expect(Set(graph.keys).isSuperset(of: ["Pipeline", "Registry", "Ledger", "Reporting", "Store"]))
    #expect(
      graph["Pipeline"]?["CSV"]?.contains(Use(file: "Pipeline/OutputRows.swift", type: "CSVWriter")) == true)
    var report: [String] = []
    for circle in Self.circles(graph) {
      report.append("circle: \(circle.joined(separator: ", "))")
      for from in circle {
        for to in circle where to != from {
          guard let uses = graph[from]?[to] else { continue }
          let shown = uses.sorted().prefix(6).map { "    \($0)" }
          report.append("  \(from) -> \(to) (\(uses.count) uses)")
          report.append(contentsOf: shown)
        }
      }
    }
    #expect(report.isEmpty, Comment(rawValue: "\n" + report.joined(separator: "\n")))
  }

  @Test func theScanReadsCodeNotTextAndKeepsInterpolations() {
    let code = Self.code(
      """
      /// A Store comment.
      let a = "Ledger \\(Formatting.counted(n, "Row")) text" // Phone
      let b = \"\"\"
        Registry \\(CSVRow.self)
        \"\"\"
      """)
    #expect(Self.identifiers(code) == ["Formatting", "CSVRow"])
    #expect(
      Self.topLevelTypes("public struct A {\n  enum B {}\n}\nextension A { struct C {} }\nfinal class D {}\n")
        == ["A", "D"])
    let graph: [String: [String: Set<Use>]] = [
      "X": ["Y": []], "Y": ["Z": []], "Z": ["X": []], "W": ["X": []],
    ]
    #expect(Self.circles(graph) == [["X", "Y", "Z"]])
  }
}
