#if canImport(Glibc)
  import Glibc
#endif

/// CPU time of the calling thread, for `SCRUB_TRACE` lines that say where a scrub's time goes
/// (wall clocks on a shared machine say little; each thread's CPU time says which is the
/// bottleneck).
enum ThreadClock {
  static func seconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }
}
