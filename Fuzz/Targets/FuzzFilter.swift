/// libFuzzer target: the `--where` lexer and parser, then evaluation of whatever parses against
/// cells taken from the same input. Each input is also parsed nested, in up to 1,023 levels of
/// parentheses, of `not`, or of `not (` (either side of `FilterParser.maxDepth`), because mutation
/// alone rarely grows a thousand-deep expression and deep nesting once overflowed the stack.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let headers = ["name", "state", "age", "phone", "zip", "Signup Date", "score"]
  check(text, headers: headers)
  guard size >= 2 else { return 0 }
  // The first two bytes steer the nesting: 10 bits of depth, 2 bits of kind.
  let steer = Int(data[0]) << 8 | Int(data[1])
  let depth = steer & 1023
  switch steer >> 10 & 3 {
  case 0:
    check(
      String(repeating: "(", count: depth) + text + String(repeating: ")", count: depth), headers: headers)
  case 1:
    check(String(repeating: "not ", count: depth) + text, headers: headers)
  case 2:
    let half = depth / 2
    check(
      String(repeating: "not (", count: half) + text + String(repeating: ")", count: half), headers: headers)
  default:
    // Unbalanced: opened deep and never closed.
    check(String(repeating: "(not ", count: depth) + text, headers: headers)
  }
  return 0
}

private func check(_ text: String, headers: [String]) {
  let expression: FilterExpression
  do {
    expression = try FilterExpression.parse(text, headers: headers)
  } catch {
    // Every error must describe itself (the caret line) without trapping.
    _ = error.description
    return
  }
  let cells = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
  _ = expression.evaluate { cells.isEmpty ? "" : cells[$0 % cells.count] }
  _ = expression.evaluate { _ in "" }
  _ = expression.evaluate { _ in "2026-11-22" }
}
