import ArgumentParser
import Foundation
import ListScrub

struct RegistryListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List registry sources: size, data age, staleness and area codes covered.",
    discussion: """
      AGE is whole days since the newest snapshot's data was downloaded; STALE means older than \
      the source's maximum age (31 days for national and state lists, 28 for UK TPS), when a scrub \
      against it is no longer covered by the safe harbor.

      Examples:
        scrub registry list
        scrub registry list --json | jq '.[] | select(.stale)'
      """
  )

  @OptionGroup var store: StoreOptions

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @OptionGroup var quiet: QuietOptions

  func run() throws {
    try runReportingErrors {
      let statuses = try store.open(create: false).sourceStatuses(now: Clock.now)
      if json {
        print(try JSONText.encode(statuses))
      } else {
        print(RegistryReport.listTable(statuses, style: Terminal.style(fd: 1)))
      }
    }
  }
}
