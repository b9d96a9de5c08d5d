/// The device an op's result goes to: that of its tensor operands, which must
/// agree, except that a 0-d CPU tensor (a number, in effect) may join tensors of
/// any device, as in PyTorch. Stops with PyTorch's message otherwise.
@inline(__always)
func commonDevice(_ a: Tensor, _ b: Tensor, file: StaticString, line: UInt) -> Device {
    let da = a.device, db = b.device
    if da == db { return da }
    return resolveDevices([a, b], file: file, line: line)
}

/// `commonDevice` of three operands (`where`), without building an array.
@inline(__always)
func commonDevice(_ a: Tensor, _ b: Tensor, _ c: Tensor, file: StaticString, line: UInt) -> Device {
    let da = a.device
    if da == b.device && da == c.device { return da }
    return resolveDevices([a, b, c], file: file, line: line)
}

/// `commonDevice` over any number of operands.
func commonDevice(_ tensors: [Tensor], file: StaticString, line: UInt) -> Device {
    guard let first = tensors.first?.device else { return .cpu }
    if tensors.allSatisfy({ $0.device == first }) { return first }
    return resolveDevices(tensors, file: file, line: line)
}

@inline(never)
private func resolveDevices(_ tensors: [Tensor], file: StaticString, line: UInt) -> Device {
    var found: Device?
    for t in tensors where !(t.ndim == 0 && t.device == .cpu) {
        if let f = found, f != t.device {
            torchFail("Expected all tensors to be on the same device, but found at least two devices, \(f) and \(t.device)!", file: file, line: line)
        }
        found = t.device
    }
    return found ?? .cpu
}
