/// The clean output's reader went away (`scrub clean leads.csv | head`): the run stops early,
/// records nothing (no complete output was delivered) and exits 0.
public enum CleanStopped: Error, Sendable {
  case downstreamClosed
}
