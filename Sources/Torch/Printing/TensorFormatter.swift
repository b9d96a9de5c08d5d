import Foundation

/// The elements a printout shows, read once from storage in row-major order of
/// the printed positions.
enum PrintedElements {
    case bools([Bool])
    case integers([Int64])
    case floats([Double])

    var count: Int {
        switch self {
        case .bools(let v): return v.count
        case .integers(let v): return v.count
        case .floats(let v): return v.count
        }
    }
}

/// Turns the printed elements of one tensor into strings of one common width,
/// following PyTorch's `_Formatter`.
///
/// The style is chosen once for the whole tensor from its nonzero finite values:
/// integers print as they are; floating values that are all integral print as
/// `3.`; values spanning more than three decades, above 1e8, or (when not all
/// integral) below 1e-4 print in scientific notation; everything else prints
/// fixed-point with `precision` decimals. Strings are right-aligned to the
/// widest nonzero finite value, so `nan` and `inf` may stick out in narrow columns.
struct TensorFormatter {
    enum Style: Equatable {
        case integer
        case integralFloat
        case fixed
        case scientific
    }

    let style: Style
    let precision: Int
    /// The column width every element is padded to.
    let width: Int

    init(elements: PrintedElements, options: PrintOptions) {
        precision = options.precision
        switch elements {
        case .bools(let values):
            style = .integer
            width = values.reduce(1) { max($0, $1 ? 4 : 5) }
        case .integers(let values):
            style = .integer
            width = values.reduce(1) { max($0, String($1).utf8.count) }
        case .floats(let values):
            var smallest = Double.infinity, largest = 0.0
            var allIntegral = true
            var anyNonzeroFinite = false
            for v in values where v.isFinite && v != 0 {
                anyNonzeroFinite = true
                let magnitude = Swift.abs(v)
                smallest = Swift.min(smallest, magnitude)
                largest = Swift.max(largest, magnitude)
                if v.rounded(.up) != v { allIntegral = false }
            }
            // Only zeros and non-finite values: printed as `0.`, `nan`, `inf`
            // whatever sciMode says.
            guard anyNonzeroFinite else {
                style = .integralFloat
                width = 1
                return
            }
            var scientific = largest / smallest > 1000 || largest > 1e8
            if !allIntegral && smallest < 1e-4 { scientific = true }
            if let forced = options.sciMode { scientific = forced }
            let chosen: Style = scientific ? .scientific : (allIntegral ? .integralFloat : .fixed)
            style = chosen
            var widest = 1
            for v in values where v.isFinite && v != 0 {
                widest = Swift.max(widest, TensorFormatter.floatText(v, style: chosen, precision: options.precision).utf8.count)
            }
            width = widest
        }
    }

    /// The padded strings of all elements, in order.
    func format(_ elements: PrintedElements) -> [String] {
        switch elements {
        case .bools(let values): return values.map { pad($0 ? "True" : "False") }
        case .integers(let values): return values.map { pad(String($0)) }
        case .floats(let values): return values.map { pad(TensorFormatter.floatText($0, style: style, precision: precision)) }
        }
    }

    private func pad(_ text: String) -> String {
        let missing = width - text.utf8.count
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }

    /// One floating value in a style, unpadded: Python's `{:.Nf}` / `{:.Ne}`,
    /// with `nan` (never `-nan`) and `inf` spelled as Python spells them.
    static func floatText(_ value: Double, style: Style, precision: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        switch style {
        case .integralFloat: return cFormat(value, "%.0f") + "."
        case .scientific: return cFormat(value, "%.\(Swift.max(precision, 0))e")
        case .fixed, .integer: return cFormat(value, "%.\(Swift.max(precision, 0))f")
        }
    }

    /// C's printf formatting, which rounds exactly as Python's `format` does.
    private static func cFormat(_ value: Double, _ format: String) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let needed = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        if needed >= buffer.count {
            // Fixed-point of a huge value (up to ~310 digits) does not fit the first try.
            buffer = [CChar](repeating: 0, count: Int(needed) + 1)
            _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        }
        return String(cString: buffer)
    }
}
