/// A small writer of self-contained HTML (the certificate's page): every text and attribute value
/// goes through ``escape(_:)``, so a value (a campaign named `<script>`, a path with `&`) is shown,
/// never interpreted. No script, no network: the page's style is inline.
public struct Html {
  public private(set) var text = ""

  public init() {}

  /// `&`, `<`, `>`, `"` and `'` as character references, control characters as U+FFFD: safe in
  /// text and in quoted attributes.
  public static func escape(_ value: String) -> String {
    var out = ""
    out.reserveCapacity(value.utf8.count)
    for character in value.unicodeScalars {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      // A control character (not tab or newline) is no text a page can show: U+FFFD instead.
      case _ where character.value < 0x20 && character != "\t" && character != "\n":
        out += "\u{FFFD}"
      case "\u{7F}": out += "\u{FFFD}"
      default: out.unicodeScalars.append(character)
      }
    }
    return out
  }

  /// Markup the writer itself wrote (tags, the style sheet): appended as is.
  public mutating func raw(_ markup: String) {
    text += markup
  }

  /// A value shown as text: escaped.
  public mutating func text(_ value: String) {
    text += Self.escape(value)
  }

  /// `<name attributes>` ... `</name>` around what `body` writes; attribute values are escaped.
  public mutating func element(
    _ name: String, _ attributes: KeyValuePairs<String, String> = [:], _ body: (inout Html) -> Void
  ) {
    open(name, attributes)
    body(&self)
    text += "</\(name)>"
  }

  /// `<name attributes>value</name>`, the value escaped.
  public mutating func element(
    _ name: String, _ attributes: KeyValuePairs<String, String> = [:], text value: String
  ) {
    element(name, attributes) { $0.text(value) }
  }

  /// A page section: `<section id>` with its `<h2>` title, then what `body` writes, and a line
  /// break after it.
  public mutating func section(_ id: String, _ title: String, _ body: (inout Html) -> Void) {
    element("section", ["id": id]) { h in
      h.element("h2", text: title)
      body(&h)
    }
    text += "\n"
  }

  /// An element with no end tag (`<meta>`).
  public mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
    text += "<\(name)"
    for (key, value) in attributes { text += " \(key)=\"\(Self.escape(value))\"" }
    text += ">"
  }

  /// A table: a header row, then the rows, each cell escaped; `numeric` columns are right-aligned
  /// (class `n`), and a column of `classes` gets that class.
  public mutating func table(
    _ header: [String], _ rows: [[String]], numeric: Set<Int> = [], classes: [Int: String] = [:]
  ) {
    func attributes(_ i: Int) -> KeyValuePairs<String, String> {
      if numeric.contains(i) { return ["class": "n"] }
      if let name = classes[i] { return ["class": name] }
      return [:]
    }
    element("table") { html in
      html.element("thead") { html in
        html.element("tr") { html in
          for (i, cell) in header.enumerated() { html.element("th", attributes(i), text: cell) }
        }
      }
      html.element("tbody") { html in
        for row in rows {
          html.element("tr") { html in
            for (i, cell) in row.enumerated() { html.element("td", attributes(i), text: cell) }
          }
        }
      }
    }
  }
}
