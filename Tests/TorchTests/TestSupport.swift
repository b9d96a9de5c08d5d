import Foundation
import Testing
@testable import Torch

/// What a process that stopped with a programmer error printed on stderr.
func stderrText(_ result: ExitTest.Result?) -> String {
    guard let result else { return "" }
    return String(decoding: result.standardErrorContent, as: UTF8.self)
}

/// Asserts two float arrays agree within PyTorch-style tolerances (`torch.allclose`).
func expectClose(_ actual: [Double], _ expected: [Double], rtol: Double = 1e-5, atol: Double = 1e-6,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "count \(actual.count) != \(expected.count)", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        if a.isNaN && e.isNaN { continue }
        if a == e { continue }
        let ok = abs(a - e) <= atol + rtol * abs(e)
        #expect(ok, "element \(i): \(a) vs expected \(e)", sourceLocation: sourceLocation)
        if !ok { return }
    }
}

/// The values of a tensor as doubles, row-major.
func values(_ t: Tensor) -> [Double] { t.toArray(as: Double.self) }
