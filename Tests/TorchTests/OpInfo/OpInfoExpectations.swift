import Foundation
import Torch

/// Where the Swift ops knowingly differ from PyTorch on OpInfo's samples, each
/// with its reason. The conformance test fails when a listed sample passes, so
/// an entry goes away with the fix that makes it pass.
enum OpInfoExpectations {
    enum Kind: Equatable {
        /// The output or a gradient differs (or is missing).
        case differs
        /// The op stops the process; replayed in a child process instead.
        case stops
        /// Passes within these tolerances (above PyTorch's defaults); the reason says why.
        case looser(atol: Double, rtol: Double)
    }

    struct Entry {
        let op: String
        /// The dtypes it applies to; nil for all.
        let dtypes: Set<DType>?
        /// The samples it applies to, by position among the op's samples (`Sample.index`); nil for all of those dtypes.
        let samples: Set<Int>?
        let kind: Kind
        let reason: String

        func matches(_ sample: OpInfoFixture.Sample) -> Bool {
            (dtypes == nil || sample.dtype.map { dtypes!.contains($0) } == true)
                && (samples == nil || samples!.contains(sample.index))
        }
    }

    static func lookup(op: String, sample: OpInfoFixture.Sample) -> Entry? {
        entries.first { $0.op == op && $0.matches(sample) }
    }

    /// The ids of the samples listed as stopping the process.
    static var stoppingSamples: [Int] {
        entries.filter { $0.kind == .stops }.flatMap { e in
            OpInfoFixture.samples.op(e.op).samples.filter(e.matches).map(\.id)
        }
    }

    static let entries: [Entry] = [
    ]

    /// Error inputs (PyTorch raises) that the Swift op accepts, by op.
    enum Accepted: Equatable {
        case all
        case samples(Set<Int>)
        func contains(id: Int) -> Bool {
            switch self {
            case .all: return true
            case .samples(let s): return s.contains(id)
            }
        }
    }

    static let acceptedErrorInputs: [String: Accepted] = [:]
}
