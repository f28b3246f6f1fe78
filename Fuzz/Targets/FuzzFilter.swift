/// libFuzzer target: the `--where` lexer and parser, then evaluation of whatever parses against
/// cells taken from the same input. Each input is also parsed nested: wrapped in up to 1,023
/// levels of parentheses and of `not` (either side of `FilterParser.maxDepth`), because mutation
/// alone rarely grows a thousand-deep expression and deep nesting once overflowed the stack.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let headers = ["name", "state", "age", "phone", "zip", "Signup Date", "score"]
  check(text, headers: headers)
  // The depth comes from the input's first two bytes, so the fuzzer can steer it.
  let depth = size >= 2 ? (Int(data[0]) << 8 | Int(data[1])) & 1023 : size
  let open = String(repeating: "(", count: depth)
  let close = String(repeating: ")", count: depth)
  check(open + text + close, headers: headers)
  check(String(repeating: "not ", count: depth) + text, headers: headers)
  check(
    String(repeating: "not (", count: depth / 2) + text + String(repeating: ")", count: depth / 2),
    headers: headers)
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
