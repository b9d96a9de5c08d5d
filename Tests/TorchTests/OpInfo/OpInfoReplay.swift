import Foundation
import Torch

/// Where a replay runs its ops. The fixtures are device-free: `place` moves each
/// input onto the device, and results are read back to the host to compare.
/// A device that only tracks shapes and dtypes (the meta device) sets
/// `comparesValues` to false; the GPU backend runs the same fixtures on `cuda`.
struct OpInfoDevice: Sendable {
    let name: String
    let place: @Sendable (Tensor) -> Tensor
    let comparesValues: Bool

    static let cpu = OpInfoDevice(name: "cpu", place: { $0 }, comparesValues: true)
    /// Shapes and dtypes only: the seam's test without a GPU.
    static let meta = OpInfoDevice(name: "meta", place: { $0.to(.meta) }, comparesValues: false)
}

/// The outcome of one sample.
enum OpInfoOutcome: Equatable {
    case passed
    case failed(String)
    case unsupported(String)
}

/// Replays OpInfo samples through the registry and compares with PyTorch.
struct OpInfoReplay {
    let fixture: OpInfoFixture
    let device: OpInfoDevice

    /// Runs one sample: the forward in its dtype, and for float64 samples with
    /// gradients the backward of the generator's weighted sum of the outputs.
    func run(_ op: OpInfoFixture.Op, _ sample: OpInfoFixture.Sample, body: OpInfoRegistry.Body,
             looser: (atol: Double, rtol: Double)? = nil) -> OpInfoOutcome {
        let withGrad = !sample.grads.isEmpty
        let call = OpInfoCall(op: op.name, sample: sample, fixture: fixture, place: device.place, withGrad: withGrad)
        let outputs: [Tensor]
        do {
            outputs = try body(call)
        } catch {
            return .unsupported("\(error)")
        }
        if !call.unread.isEmpty { return .unsupported("arguments not replayed: \(call.unread.joined(separator: ", "))") }
        guard outputs.count == sample.outputs.count else {
            return .failed("\(outputs.count) outputs, PyTorch gives \(sample.outputs.count)")
        }
        for (i, (actual, key)) in zip(outputs, sample.outputs).enumerated() {
            let expected = fixture.tensor(key)
            var tolerance = Self.tolerance(op, sample: sample.dtype, output: expected.dtype)
            if let looser { tolerance = (max(tolerance.atol, looser.atol), max(tolerance.rtol, looser.rtol)) }
            let reference = i < sample.references.count ? sample.references[i].map(fixture.tensor) : nil
            if let problem = compare(actual, expected, tolerance, reference: reference) { return .failed("output \(i): \(problem)") }
        }
        guard withGrad else { return .passed }

        // d/d(inputs) of sum_k (w_k * out_k).sum() over the floating outputs (k counts them all).
        var loss: Tensor?
        for (k, out) in outputs.filter({ $0.dtype.isFloatingPoint }).enumerated() where out.requiresGrad {
            let term = (out * Self.weights(like: out, k).to(out.device, dtype: out.dtype)).sum()
            loss = loss.map { $0 + term } ?? term
        }
        guard let loss else { return .failed("no output requires grad, PyTorch has gradients") }
        let roles = sample.grads.keys.sorted()
        var leaves: [Tensor] = []
        for role in roles {
            guard let leaf = call.leaves[role] else { return .failed("gradient for \(role), which the call never used") }
            leaves.append(leaf)
        }
        let grads = Torch.autograd.grad([loss], leaves, allowUnused: true)
        let gradTolerance = Self.tolerance(op, sample: .float64, output: .float64)
        for (role, (leaf, grad)) in zip(roles, zip(leaves, grads)) {
            let actual = grad ?? Torch.zerosLike(leaf)
            if let problem = compare(actual, fixture.tensor(sample.grads[role]!), gradTolerance) {
                return .failed("gradient of \(role): \(problem)")
            }
        }
        return .passed
    }

    /// The weights of the generator: ((i + 3k) % 7 + 1) / 4 over the flattened output.
    static func weights(like t: Tensor, _ k: Int) -> Tensor {
        let n = t.numel()
        let w = (0..<n).map { Double(($0 + 3 * k) % 7 + 1) / 4 }
        return Tensor.fromArray(w, shape: t.shape)
    }

    /// PyTorch's `assert_close` defaults for the output's dtype, raised to OpInfo's
    /// own overrides for the sample's dtype.
    static func tolerance(_ op: OpInfoFixture.Op, sample: DType?, output: DType) -> (atol: Double, rtol: Double) {
        var (atol, rtol): (Double, Double)
        switch output {
        case .float16: (atol, rtol) = (1e-5, 1e-3)
        case .bfloat16: (atol, rtol) = (1e-5, 1.6e-2)
        case .float32: (atol, rtol) = (1e-5, 1.3e-6)
        case .float64: (atol, rtol) = (1e-7, 1e-7)
        default: (atol, rtol) = (0, 0)
        }
        if let over = op.tolerances[sample ?? output] {
            atol = max(atol, over.atol)
            rtol = max(rtol, over.rtol)
        }
        return (atol, rtol)
    }

    /// Nil when `actual` matches `expected` in shape, dtype and (on a device that
    /// has values) every element, NaN matching NaN; else what differs.
    ///
    /// A float16/bfloat16 element that misses PyTorch's value still passes when
    /// it is at least as close as PyTorch's to the float64 `reference`: the
    /// reduced-precision kernels of both sides round intermediates differently.
    func compare(_ actual: Tensor, _ expected: Tensor, _ tol: (atol: Double, rtol: Double), reference: Tensor? = nil) -> String? {
        if actual.shape != expected.shape { return "shape \(actual.shape), PyTorch \(expected.shape)" }
        if actual.dtype != expected.dtype { return "dtype \(actual.dtype.name), PyTorch \(expected.dtype.name)" }
        guard device.comparesValues else { return nil }
        if actual.dtype.isFloatingPoint {
            let a = actual.detach().toArray(as: Double.self), e = expected.toArray(as: Double.self)
            let r = reference?.toArray(as: Double.self)
            for i in a.indices {
                let x = a[i], y = e[i]
                if x == y || (x.isNaN && y.isNaN) { continue }
                if abs(x - y) <= tol.atol + tol.rtol * abs(y) { continue }
                if let r, abs(x - r[i]) <= abs(y - r[i]) { continue }
                return "element \(i) is \(x), PyTorch \(y)\(r.map { ", float64 \($0[i])" } ?? "") (atol \(tol.atol), rtol \(tol.rtol))"
            }
        } else {
            let a = actual.toArray(as: Int64.self), e = expected.toArray(as: Int64.self)
            // Integers match exactly unless an expectation allows an absolute difference.
            if let i = a.indices.first(where: { a[$0] != e[$0] && abs(Double(a[$0]) - Double(e[$0])) > tol.atol }) {
                return "element \(i) is \(a[i]), PyTorch \(e[i])"
            }
        }
        return nil
    }
}
