import Foundation
import Testing
import Torch

/// PyTorch's own operator test inputs (`op_db`), replayed through the Swift API.
///
/// One test per OpInfo entry replays every sample of every dtype and compares
/// outputs and float64 gradients with PyTorch's; known differences live in
/// `OpInfoExpectations` with a reason each, and a listed sample that starts to
/// pass fails the test, so the list only shrinks. Inputs PyTorch rejects are
/// replayed in child processes, each of which must stop.
///
/// Developer aids, for finding the samples that stop the process:
/// `OPINFO_TRACE=path` appends each sample's op, dtype and id to `path` before
/// running it (the last line names the sample that stopped the process);
/// `OPINFO_SKIP=path` skips the samples listed in `path`, one per line, each
/// a sample id, an op and dtype (`gather int8`) or an op;
/// `OPINFO_DEVICE=meta` replays on the meta device, comparing shapes and dtypes only;
/// `OPINFO_SHOW=n` lists up to n differing samples per op (default 8);
/// `OPINFO_DONE=path` appends each op whose samples all ran to `path` and
/// skips the ops already listed there (to resume after a stop).
@Suite("OpInfo conformance", .serialized)
struct OpInfoConformanceTests {
    static let device = ProcessInfo.processInfo.environment["OPINFO_DEVICE"] == "meta" ? OpInfoDevice.meta : .cpu

    static var opNames: [String] { OpInfoFixture.samples.ops.map(\.name) }

    @Test func everyTableLineHasAReplay() {
        for op in OpInfoFixture.samples.ops {
            #expect(OpInfoRegistry.bodies[op.name] != nil, "no Swift replay for \(op.name) (\(op.swift))")
        }
    }

    @Test(arguments: opNames)
    func samples(_ name: String) {
        let tally = Self.replay(name)
        if !tally.failures.isEmpty {
            let limit = ProcessInfo.processInfo.environment["OPINFO_SHOW"].flatMap { Int($0) } ?? 8
            let shown = tally.failures.prefix(limit).joined(separator: "\n  ")
            Issue.record("\(name): \(tally.failures.count) sample(s) differ from PyTorch:\n  \(shown)")
        }
    }

    /// The coverage line of the README: entries, samples replayed, samples passing.
    @Test func coverage() {
        var total = Tally()
        for name in Self.opNames { total.add(Self.replay(name)) }
        let entries = OpInfoFixture.samples.ops.count
        print("""
            OpInfo coverage on \(Self.device.name): \(entries) entries, \(total.samples) samples: \(total.passed) pass, \
            \(total.known) known differences, \(total.stops) known stops, \(total.unsupported) not expressible in Swift, \
            \(total.failures.count) failing
            """)
        for (reason, count) in total.unsupportedReasons.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            print("  not expressible (\(count)): \(reason)")
        }
    }

    /// What replaying one op's samples gave.
    struct Tally {
        var samples = 0, passed = 0, known = 0, stops = 0, unsupported = 0
        var failures: [String] = []
        var unsupportedReasons: [String: Int] = [:]

        mutating func add(_ other: Tally) {
            samples += other.samples; passed += other.passed; known += other.known; stops += other.stops
            unsupported += other.unsupported; failures += other.failures
            unsupportedReasons.merge(other.unsupportedReasons, uniquingKeysWith: +)
        }
    }

    static func replay(_ name: String) -> Tally {
        var tally = Tally()
        let fixture = OpInfoFixture.samples
        let op = fixture.op(name)
        guard let body = OpInfoRegistry.bodies[name] else { return tally }
        let replay = OpInfoReplay(fixture: fixture, device: device)
        let env = ProcessInfo.processInfo.environment
        let trace = env["OPINFO_TRACE"].flatMap { FileHandle(forWritingAtPath: $0) }
        func lines(_ variable: String) -> [Substring] {
            (env[variable].flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? "").split(separator: "\n")
        }
        let skip = Set(lines("OPINFO_SKIP"))
        if lines("OPINFO_DONE").contains(Substring(name)) { return tally }
        defer {
            if let done = env["OPINFO_DONE"].flatMap({ FileHandle(forWritingAtPath: $0) }) {
                done.seekToEndOfFile()
                done.write("\(name)\n".data(using: .utf8)!)
            }
        }
        for sample in op.samples {
            tally.samples += 1
            let expected = OpInfoExpectations.lookup(op: name, sample: sample)
            let label = "sample #\(sample.index) (id \(sample.id), \(sample.dtype?.name ?? "-"))"
            if expected?.kind == .stops {  // replayed by `knownStops` in a child process
                tally.stops += 1
                continue
            }
            if skip.contains("\(sample.id)") || skip.contains("\(name) \(sample.dtype?.name ?? "-")") || skip.contains(Substring(name)) { continue }
            if let trace {
                trace.seekToEndOfFile()
                trace.write("\(name) \(sample.dtype?.name ?? "-") \(sample.id)\n".data(using: .utf8)!)
                try? trace.synchronize()
            }
            var looser: (atol: Double, rtol: Double)?
            if case .looser(let atol, let rtol)? = expected?.kind { looser = (atol, rtol) }
            let outcome = replay.run(op, sample, body: body, looser: looser)
            switch (outcome, looser == nil ? expected : nil) {
            case (.passed, nil):
                tally.passed += 1
            case (.unsupported(let why), nil):
                tally.unsupported += 1
                tally.unsupportedReasons["\(name): \(why)", default: 0] += 1
            case (.failed(let why), nil):
                tally.failures.append("\(label): \(why)")
            case (.passed, let e?) where e.kind == .unstable || !device.comparesValues:  // a value difference cannot show without values
                tally.passed += 1
            case (.passed, let e?):
                tally.failures.append("\(label) now passes; remove it from OpInfoExpectations (\(e.reason))")
            case (_, _?):
                tally.known += 1
            }
        }
        return tally
    }

    /// Samples known to stop the process still stop (each in its own child).
    @Test(arguments: OpInfoExpectations.stoppingSamples)
    func knownStops(_ id: Int) async {
        await #expect(processExitsWith: .failure) { [id] in
            OpInfoConformanceTests.replaySample(id: id, fixture: .samples)
        }
    }

    static var errorSampleIDs: [Int] {
        OpInfoFixture.errors.ops.flatMap { op in op.samples.map(\.id) }
    }

    /// Every input PyTorch rejects stops the Swift op too.
    @Test(arguments: errorSampleIDs)
    func errorInputStops(_ id: Int) async {
        guard let (op, sample) = OpInfoFixture.errors.find(id: id) else { return }
        let accepted = OpInfoExpectations.acceptedErrorInputs[op.name]
        if accepted?.contains(index: sample.index) == true { return }
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [id] in
            OpInfoConformanceTests.replaySample(id: id, fixture: .errors)
        }
        if let result, case .exitCode(OpInfoConformanceTests.unsupportedExitCode) = result.exitStatus {
            // The Swift call cannot even express the input (PyTorch's TypeError cases).
            return
        }
    }

    /// What a child process exits with when the Swift call cannot express the sample.
    static let unsupportedExitCode: CInt = 77

    /// Runs one sample in this process and exits 0 if the op returned; a stop never returns.
    static func replaySample(id: Int, fixture which: OpInfoFixture.Which) {
        let fixture = which == .samples ? OpInfoFixture.samples : OpInfoFixture.errors
        guard let (op, sample) = fixture.find(id: id), let body = OpInfoRegistry.bodies[op.name] else { exit(0) }
        let call = OpInfoCall(op: op.name, sample: sample, fixture: fixture, place: device.place, withGrad: false)
        do {
            _ = try body(call)
        } catch {
            exit(unsupportedExitCode)
        }
        // An argument the Swift call never read (an `out=` tensor, say) means the input was not replayed.
        exit(call.unread.isEmpty ? 0 : unsupportedExitCode)
    }
}
