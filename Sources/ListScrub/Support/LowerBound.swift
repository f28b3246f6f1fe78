extension RandomAccessCollection where Element: Comparable, Index == Int {
  /// The index of the first element not below `value` in a sorted collection (binary search),
  /// starting at `from`; `endIndex` when every element is below it.
  func lowerBound(of value: Element, from: Int? = nil, to: Int? = nil) -> Int {
    var lo = from ?? startIndex
    var hi = to ?? endIndex
    while lo < hi {
      let mid = (lo + hi) / 2
      if self[mid] < value { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
