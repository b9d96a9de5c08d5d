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
        /// PyTorch's own value depends on where the element sits in memory (its
        /// vector loop and its scalar tail disagree), so a regenerated fixture can
        /// flip it: passing and differing are both accepted.
        case unstable
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

    private static let integers: Set<DType> = [.uint8, .int8, .int16, .int32, .int64]

    static let entries: [Entry] = [
        Entry(op: "add", dtypes: [.bool], samples: [2], kind: .differs,
              reason: "alpha=False on bool tensors: Swift's alpha is a Double, so the bool sum is taken in int64"),
        Entry(op: "topk", dtypes: integers.union([.bfloat16]), samples: Set([0, 14, 28, 42, 56].flatMap { $0..<($0 + 7) } + Array(85...90)), kind: .differs,
              reason: "tied values: the indices of equal elements come in another order (PyTorch's partial sort leaves it unspecified); the values match"),
        Entry(op: "einsum", dtypes: [.uint8, .int8, .int16, .int32], samples: [8, 19, 30, 41], kind: .differs,
              reason: "a summed label of size 1 on integer operands: PyTorch still calls sum (int64 result), Swift skips the size-1 sum and keeps the dtype"),
        // NaN inputs: PyTorch's vectorised and scalar loops disagree on which branch NaN takes, so its
        // gradient at NaN is 0, NaN or the linear slope depending on the element's position in memory.
        Entry(op: "nn.functional.relu6", dtypes: [.float64], samples: [167, 174], kind: .unstable, reason: nanGradient),
        Entry(op: "nn.functional.hardtanh", dtypes: [.float64], samples: [167], kind: .unstable, reason: nanGradient),
        Entry(op: "nn.functional.elu", dtypes: [.float64], samples: [67, 74], kind: .unstable, reason: nanGradient),
        Entry(op: "nn.functional.selu", dtypes: [.float64], samples: [67, 74], kind: .unstable, reason: nanGradient),
        Entry(op: "nn.functional.celu", dtypes: [.float64], samples: [67, 74], kind: .unstable, reason: nanGradient),
        Entry(op: "nn.functional.softshrink", dtypes: [.float64], samples: [67], kind: .unstable, reason: nanGradient),
        Entry(op: "nn.functional.hardshrink", dtypes: [.float64], samples: [75], kind: .unstable, reason: nanGradient),
        Entry(op: "nn.functional.local_response_norm", dtypes: [.int64], samples: Set(0...8), kind: .differs,
              reason: "integer input: PyTorch averages the squares in int64 (truncating) before the float power; Swift averages in float"),
        Entry(op: "nn.functional.interpolate.bilinear", dtypes: [.uint8], samples: nil, kind: .looser(atol: 1, rtol: 0), reason: fixedPointResampling),
        Entry(op: "nn.functional.interpolate.bicubic", dtypes: [.uint8], samples: nil, kind: .looser(atol: 1, rtol: 0), reason: fixedPointResampling),
        Entry(op: "nn.functional.upsample_bilinear", dtypes: [.uint8], samples: nil, kind: .looser(atol: 1, rtol: 0), reason: fixedPointResampling),
    ]

    private static let fixedPointResampling = "uint8: PyTorch's integer resampling kernel rounds its fixed-point weights; Swift rounds the float result, within 1"

    private static let nanGradient = "gradient at a NaN input: PyTorch's vectorised and scalar loops give different values"

    /// Error inputs (PyTorch raises) that the Swift op accepts, by op.
    enum Accepted: Equatable {
        case all
        /// By position among the op's error inputs (`Sample.index`).
        case samples(Set<Int>)
        func contains(index: Int) -> Bool {
            switch self {
            case .all: return true
            case .samples(let s): return s.contains(index)
            }
        }
    }

    static let acceptedErrorInputs: [String: Accepted] = [
        // PyTorch caps tensors at 64 dims; Swift's layouts have no such limit.
        "amax": .samples([1, 2]),
        "amin": .samples([1, 2]),
        // PyTorch rejects a zero stride in 3-d unpooling only; Swift treats all ranks alike.
        "nn.functional.max_unpool3d": .samples([3]),
    ]
}
