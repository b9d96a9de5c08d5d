/// How PyTorch's `extra_repr` strings spell values, for layers' `extraRepr`.
extension Module {
    /// Python's spelling of a Bool: `True`, `False`.
    static func pythonRepr(_ b: Bool) -> String { b ? "True" : "False" }

    /// Python's repr of a float: `0.5`, `1.0`, `1e-05`, `inf`.
    static func pythonRepr(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return "\(x)"   // Swift's shortest round-trip form reads as Python's repr
    }
}
