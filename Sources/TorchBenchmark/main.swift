import Foundation
import Torch

// The project's side of the benchmark: prints `name<TAB>value` per workload,
// with the names and units of shared/bench/pytorch_reference.py.
//
//     swift run -c release benchmark [--only GROUP] [--json FILE]

var only: String? = nil
var jsonPath: String? = nil
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let arg = arguments.next() {
    switch arg {
    case "--only": only = arguments.next()
    case "--json": jsonPath = arguments.next()
    default:
        FileHandle.standardError.write(Data("usage: benchmark [--only \(Workloads.groups.map(\.name).joined(separator: "|"))] [--json FILE]\n".utf8))
        exit(2)
    }
}

// What the numbers ran on, on stderr so the name<TAB>value lines stay parseable.
FileHandle.standardError.write(Data("""
    # CPU capability: \(Torch.backends.cpu.capability()) (Torch.backends.cpu.capability())
    # BLAS: \(Torch.backends.cpu.blasLibrary())

    """.utf8))
Torch.manualSeed(0)
var results: [String: Double] = [:]
for group in Workloads.groups where only == nil || group.name == only {
    group.run(&results)
}
for key in results.keys.sorted() {
    print("\(key)\t\(String(format: "%.4g", results[key]!))")
}
if let jsonPath {
    let data = try JSONSerialization.data(withJSONObject: results, options: [.prettyPrinted, .sortedKeys])
    try data.write(to: URL(fileURLWithPath: jsonPath))
}
