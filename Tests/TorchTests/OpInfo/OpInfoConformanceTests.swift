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
/// `OPINFO_SKIP=path` skips the sample ids listed in `path`, one per line;
/// `OPINFO_FROM=id` skips samples with smaller ids (to resume after a stop).
@Suite("OpInfo conformance", .serialized)
struct OpInfoConformanceTests {
    static let device = OpInfoDevice.cpu

    static var opNames: [String] { OpInfoFixture.samples.ops.map(\.name) }

    @Test func everyTableLineHasAReplay() {
        for op in OpInfoFixture.samples.ops {
            #expect(OpInfoRegistry.bodies[op.name] != nil, "no Swift replay for \(op.name) (\(op.swift))")
        }
    }

    @Test(arguments: opNames)
    func samples(_ name: String) {
        let fixture = OpInfoFixture.samples
        let op = fixture.op(name)
        guard let body = OpInfoRegistry.bodies[name] else { return }
        let replay = OpInfoReplay(fixture: fixture, device: Self.device)
        let env = ProcessInfo.processInfo.environment
        let trace = env["OPINFO_TRACE"].flatMap { FileHandle(forWritingAtPath: $0) }
        let from = env["OPINFO_FROM"].flatMap { Int($0) } ?? 0
        let skip = Set((env["OPINFO_SKIP"].flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? "")
            .split(separator: "\n").compactMap { Int($0) })
        var failures: [String] = []
        for sample in op.samples {
            let expected = OpInfoExpectations.lookup(op: name, sample: sample)
            if expected?.kind == .stops { continue }  // replayed by `knownStops` in a child process
            if sample.id < from || skip.contains(sample.id) { continue }
            if let trace {
                trace.seekToEndOfFile()
                trace.write("\(name) \(sample.dtype?.name ?? "-") \(sample.id)\n".data(using: .utf8)!)
                try? trace.synchronize()
            }
            let outcome = replay.run(op, sample, body: body)
            switch (outcome, expected) {
            case (.passed, nil), (.unsupported, nil): break
            case (.failed(let why), nil):
                failures.append("sample \(sample.id) (\(sample.dtype?.name ?? "-")): \(why)")
            case (.passed, let e?):
                failures.append("sample \(sample.id) (\(sample.dtype?.name ?? "-")) now passes; remove it from OpInfoExpectations (\(e.reason))")
            case (_, _?): break
            }
        }
        if !failures.isEmpty {
            let shown = failures.prefix(8).joined(separator: "\n  ")
            Issue.record("\(name): \(failures.count) sample(s) differ from PyTorch:\n  \(shown)")
        }
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
        if accepted == .all || accepted?.contains(id: id) == true { return }
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
        exit(0)
    }
}
