import Foundation
import Testing
import Torch

/// `print(tensor)` against PyTorch's `repr`, from scripts/fixtures/printing.py.
///
/// Serialised: some tests change the process-wide print options, which every
/// other test here reads.
@Suite(.serialized)
struct PrintingTests {
    /// Read-only after loading, so sharing it across test tasks is safe.
    nonisolated(unsafe) static let fixture = Fixture("printing")
    static let caseNames = fixture.cases.keys.sorted()

    /// The options a fixture case ran under (its `set_printoptions` arguments).
    static func options(of c: Fixture.Case) -> PrintOptions? {
        guard let raw = c.extra["options"] as? [String: Any], !raw.isEmpty else { return nil }
        var o = PrintOptions(profile: (raw["profile"] as? String).flatMap(PrintProfile.init(rawValue:)) ?? .default)
        if let v = raw["precision"] as? Int { o.precision = v }
        if let v = raw["threshold"] as? Int { o.threshold = v }
        if let v = raw["edgeitems"] as? Int { o.edgeitems = v }
        if let v = raw["linewidth"] as? Int { o.linewidth = v }
        o.sciMode = raw["sci_mode"] as? Bool
        return o
    }

    @Test(arguments: caseNames)
    func reprMatchesPyTorch(_ name: String) throws {
        let c = Self.fixture[name]
        let expected = c.extra["repr"] as! String
        let build = try #require(PrintingCases.builders[name], "no Swift twin for fixture case \(name)")
        let base = c.inputs.first.flatMap { $0?.tensor() }
        let t = build(base)
        let actual = Self.options(of: c).map { t.description(options: $0) } ?? t.description
        #expect(actual == expected, "\(name) (\(c.extra["expr"] as? String ?? "")):\n\(reprDiff(expected: expected, actual: actual))")
    }

    @Test func everySwiftCaseHasAFixture() {
        let missing = PrintingCases.builders.keys.filter { Self.fixture.cases[$0] == nil }.sorted()
        #expect(missing.isEmpty, "Swift cases without a fixture: \(missing)")
        #expect(Self.caseNames.count >= 60)
    }

    @Test func requiredExamplesPrintExactly() {
        #expect(Tensor([[1, -1], [-1, 1]]).description == "tensor([[ 1, -1],\n        [-1,  1]])")
        #expect(Tensor(3.5).description == "tensor(3.5000)")
        #expect(Tensor([1e-5, 1.0, 1e3]).description == "tensor([1.0000e-05, 1.0000e+00, 1.0000e+03])")
        #expect(Tensor([1.5, Double.nan, Double.infinity]).description == "tensor([1.5000,    nan,    inf])")
    }

    @Test func printAndInterpolationUseTheRepr() {
        let t = Tensor([1.0, 2.0], dtype: .float64, requiresGrad: true)
        let expected = "tensor([1., 2.], dtype=torch.float64, requires_grad=True)"
        #expect(String(describing: t) == expected)
        #expect("\(t)" == expected)
        #expect(t.debugDescription == expected)
        #expect(String(reflecting: t) == expected)
        var printed = ""
        print(t, terminator: "", to: &printed)
        #expect(printed == expected)
    }

    @Test func setPrintOptionsChangesDescriptionUntilReset() {
        defer { Torch.setPrintOptions(profile: .default) }
        let t = Tensor([1.5, 2.123456])
        Torch.setPrintOptions(precision: 2)
        #expect(t.description == "tensor([1.50, 2.12])")
        #expect(Torch.getPrintOptions() == PrintOptions(precision: 2))
        Torch.setPrintOptions(sciMode: true)
        // Other options stay; sciMode is always assigned.
        #expect(t.description == "tensor([1.50e+00, 2.12e+00])")
        Torch.setPrintOptions(linewidth: 100)
        #expect(Torch.getPrintOptions() == PrintOptions(precision: 2, linewidth: 100, sciMode: nil))
        Torch.setPrintOptions(profile: .default)
        #expect(t.description == "tensor([1.5000, 2.1235])")
        #expect(Torch.getPrintOptions() == PrintOptions())
    }

    @Test func profilesMatchPyTorchPresets() {
        #expect(PrintOptions(profile: .default) == PrintOptions(precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80))
        #expect(PrintOptions(profile: .short) == PrintOptions(precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80))
        #expect(PrintOptions(profile: .full) == PrintOptions(precision: 4, threshold: Int.max, edgeitems: 3, linewidth: 80))
        defer { Torch.setPrintOptions(profile: .default) }
        Torch.setPrintOptions(profile: .short, sciMode: false)
        #expect(Torch.getPrintOptions() == PrintOptions(precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80, sciMode: false))
        Torch.setPrintOptions(profile: .full)
        let all = Torch.arange(1001).description
        #expect(!all.contains("..."))
        #expect(all.hasSuffix("1000])"))
    }

    @Test func printOptionsAreSafeToChangeWhilePrintingOnOtherThreads() async {
        defer { Torch.setPrintOptions(profile: .default) }
        let t = Tensor([1.5, 2.25])
        let allowed: Set<String> = ["tensor([1.5000, 2.2500])", "tensor([1.50, 2.25])"]
        await withTaskGroup(of: Bool.self) { group in
            for i in 0..<8 {
                group.addTask {
                    for j in 0..<200 {
                        if (i + j) % 2 == 0 { Torch.setPrintOptions(precision: (i + j) % 4 == 0 ? 2 : 4) }
                        if !allowed.contains(t.description) { return false }
                    }
                    return true
                }
            }
            for await ok in group { #expect(ok) }
        }
    }

    @Test func viewPrintsItsOwnElementsNotTheWholeStorage() {
        let base = Torch.arange(6).reshape(2, 3)
        #expect(base.t().description == "tensor([[0, 3],\n        [1, 4],\n        [2, 5]])")
        #expect(base.t().contiguous().description == base.t().description)
    }
}

/// A readable account of where two multi-line texts part: the first differing
/// line of each, a caret under the first differing character, then both texts.
func reprDiff(expected: String, actual: String) -> String {
    if expected == actual { return "(identical)" }
    let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
    var line = 0
    while line < min(e.count, a.count) && e[line] == a[line] { line += 1 }
    let el = line < e.count ? e[line] : "<no line>"
    let al = line < a.count ? a[line] : "<no line>"
    let column = zip(el, al).prefix { $0 == $1 }.count
    return """
    first difference at line \(line + 1), column \(column + 1):
      expected: \(el)
      actual:   \(al)
                \(String(repeating: " ", count: column))^
    --- expected (\(expected.count) chars)
    \(expected)
    --- actual (\(actual.count) chars)
    \(actual)
    """
}
