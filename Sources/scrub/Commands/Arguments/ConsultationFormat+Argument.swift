import ArgumentParser
import ListScrub

extension ConsultationFormat: ExpressibleByArgument {}

extension ConsultationChannel: ExpressibleByArgument {}
