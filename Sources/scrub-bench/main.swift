import Foundation

// Dispatches on the first argument; each mode lives in its own file. See BENCHMARKS.md.
let arguments = Array(CommandLine.arguments.dropFirst())
let rest = Array(arguments.dropFirst())
do {
  switch arguments.first {
  case "phone": try PhoneBench.run(rest)
  case "region": try RegionBench.run(rest)
  case "registry-gen": try RegistryGen(arguments: rest).run()
  case "leads-gen": try LeadsGen(arguments: rest).run()
  case "csv-parse": try CSVParseBench.run(rest)
  case "ledger-gen": try LedgerGen(arguments: rest).run()
  case "deliveries-gen": try DeliveriesGen(arguments: rest).run()
  case "consultation-answer": try ConsultationAnswer(arguments: rest).run()
  default:
    print(
      """
      usage: scrub-bench phone [--mix nanp|vendor] [--threads N] [--count N]
             scrub-bench region [--count N]
             scrub-bench registry-gen --numbers N --out DIR [--churn F] [--change-list N] [--seed S]
             scrub-bench leads-gen --rows N --out FILE [--seed S]
             scrub-bench csv-parse FILE
             scrub-bench ledger-gen --optouts N --consents N --out DIR [--seed S]
             scrub-bench deliveries-gen --db DB [--campaign C] [--runs N] [--numbers N] [--seed S]
             scrub-bench consultation-answer --db DB --source S [--kind K] [--listed F]
                         [--answered-at ISO] [--max-age-days N]
      (see BENCHMARKS.md)
      """)
  }
} catch {
  FileHandle.standardError.write(Data("scrub-bench: \(error)\n".utf8))
  exit(64)
}
