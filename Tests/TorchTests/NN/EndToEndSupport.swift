import Testing
import Torch

/// The end-to-end training runs (EndToEnd*Tests.swift): one serialized suite,
/// because every run seeds the global generator.
@Suite(.serialized) struct EndToEndTests {}

/// The golden runs of scripts/fixtures/end_to_end.py.
nonisolated(unsafe) let endToEndFixture = Fixture("end_to_end")

/// The golden runs of scripts/fixtures/end_to_end_tours.py.
nonisolated(unsafe) let endToEndToursFixture = Fixture("end_to_end_tours")

/// The state-dict keys and printed form a fixture run recorded for its model.
func expectDescribedAsPyTorch(_ model: Module, _ c: Fixture.Case, repr: String = "repr", keys: String = "state_keys",
                              sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(Array(model.stateDict().keys) == c.extra[keys] as! [String], sourceLocation: sourceLocation)
    #expect(model.description == c.extra[repr] as! String, sourceLocation: sourceLocation)
}

/// The fraction of rows whose largest logit is the label, under eval mode and noGrad
/// (the seed's validation loop); leaves the model in eval mode.
func classificationAccuracy(_ model: Module, _ x: Tensor, _ y: Tensor) -> Double {
    model.eval()
    let predicted = Torch.noGrad { model(x).argmax(dim: 1) }
    return predicted.eq(y).float().mean().item()
}
