/// The functional neural-network API, PyTorch's `torch.nn.functional`.
///
/// Every function is a static method: `Functional.relu(x)`,
/// `Functional.crossEntropy(logits, target)`. Alias it in your own code with
/// `typealias F = Functional` to read like PyTorch's `F.relu(x)`.
public enum Functional {}
