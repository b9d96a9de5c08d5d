import Foundation

/// Checks autograd's gradients of `fn` against central finite differences,
/// PyTorch's `torch.autograd.gradcheck`.
///
/// Inputs should be float64 tensors; those that require grad are checked.
/// Returns false (and prints the first mismatch to stderr) when an analytic
/// Jacobian entry differs from the numerical one by more than
/// `atol + rtol * |numerical|`.
///
/// ```swift
/// let x = Torch.randn([3], dtype: .float64).requiresGrad_()
/// #expect(Torch.gradcheck({ $0[0].exp() }, inputs: [x]))
/// ```
public func gradcheck(
    _ fn: ([Tensor]) -> Tensor, inputs: [Tensor], eps: Double = 1e-6, atol: Double = 1e-5, rtol: Double = 1e-3
) -> Bool {
    let checked = inputs.indices.filter { inputs[$0].requiresGrad }
    let output = fn(inputs)
    let outCount = output.numel()

    // Analytic Jacobian, one row per output element: the gradient of that element.
    var analytic: [[[Double]]] = checked.map { _ in [] }  // [input][outputElement][inputElement]
    for k in 0..<outCount {
        let seed = Torch.zeros(output.shape, dtype: output.dtype)
        noGrad { Dispatch.fill(seed, layout: Layout(shape: [], strides: [], offset: k), with: .int(1)) }
        let grads = output.requiresGrad
            ? Autograd.grad([output], checked.map { inputs[$0] }, gradOutputs: [seed], retainGraph: true, allowUnused: true)
            : checked.map { _ in nil }
        for (n, i) in checked.enumerated() {
            analytic[n].append(grads[n].map { $0.toArray(as: Double.self) } ?? Array(repeating: 0, count: inputs[i].numel()))
        }
    }

    // Numerical Jacobian, one column per input element, by perturbing it in place.
    for (n, i) in checked.enumerated() {
        let x = inputs[i]
        let flat = x.detach()
        for j in 0..<x.numel() {
            let storageIndex = flat.layout.offset(of: unravel(j, x.shape))
            let position = Layout(shape: [], strides: [], offset: storageIndex)
            let original = noGrad { flat.makeScalarView(position).item() }
            func evaluate(_ v: Double) -> [Double] {
                noGrad {
                    Dispatch.fill(flat, layout: position, with: .double(v))
                    return fn(inputs).toArray(as: Double.self)
                }
            }
            let plus = evaluate(original + eps), minus = evaluate(original - eps)
            noGrad { Dispatch.fill(flat, layout: position, with: .double(original)) }
            for k in 0..<outCount {
                let numerical = (plus[k] - minus[k]) / (2 * eps)
                let a = analytic[n][k][j]
                if abs(a - numerical) > atol + rtol * abs(numerical) {
                    FileHandle.standardError.write(Data("gradcheck: Jacobian mismatch for output \(k) with respect to input \(i), element \(j): numerical \(numerical), analytical \(a)\n".utf8))
                    return false
                }
            }
        }
    }
    return true
}

/// The multi-index of a row-major linear index.
func unravel(_ linear: Int, _ shape: [Int]) -> [Int] {
    var index = [Int](repeating: 0, count: shape.count)
    var rest = linear
    for d in stride(from: shape.count - 1, through: 0, by: -1) {
        index[d] = rest % shape[d]
        rest /= shape[d]
    }
    return index
}

extension Tensor {
    /// A 0-d view of one element at a storage position.
    func makeScalarView(_ position: Layout) -> Tensor {
        Tensor(storage: storage, layout: position, dtype: dtype)
    }
}
