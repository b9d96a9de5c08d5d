/// Why a file could not be saved or loaded: each case names what is wrong, so a
/// truncated, corrupted or hostile file gives a message rather than a crash.
public enum SerializationError: Error, CustomStringConvertible, @unchecked Sendable {
    /// The file could not be opened, read or written (the OS error text).
    case io(path: String, reason: String)
    /// The file ends before a structure it announces (what was being read).
    case truncated(String)
    /// The zip container is malformed (what is wrong).
    case badZip(String)
    /// The pickle stream is malformed or uses what this reader does not support.
    case badPickle(String)
    /// A tensor or storage description is inconsistent (sizes, offsets, strides).
    case badTensor(String)
    /// A record the format requires is missing from the archive.
    case missingRecord(String)
    /// The file is a TorchScript archive (`torch.jit.save`), which holds code.
    case torchScriptArchive
    /// A dtype this reader refuses (quantized types, unknown names).
    case unsupportedDType(String)
    /// The file is not a PyTorch file at all (what was found).
    case notPyTorchFile(String)
    /// A limit that protects against hostile files was exceeded.
    case limitExceeded(String)
    /// The file holds a whole pickled `nn.Module` (its Python class name);
    /// `tensors` are its parameters and buffers under state_dict keys.
    case pickledModule(className: String, tensors: StateDict)
    /// A loaded value is not of the kind asked for (expected, found).
    case typeMismatch(expected: String, found: String)
    /// A dictionary has no such key, or a list no such index.
    case keyNotFound(String)
    /// A value cannot be written to a `.pt` file that `torch.load` accepts.
    case unsupportedValue(String)

    /// A sentence naming what is wrong.
    public var description: String {
        switch self {
        case .io(let path, let reason): return "cannot access \(path): \(reason)"
        case .truncated(let what): return "file is truncated: \(what) runs past the end of the data"
        case .badZip(let what): return "malformed zip archive: \(what)"
        case .badPickle(let what): return "malformed pickle: \(what)"
        case .badTensor(let what): return "malformed tensor: \(what)"
        case .missingRecord(let name): return "archive has no record '\(name)'"
        case .torchScriptArchive:
            return "this is a TorchScript archive (torch.jit.save), not a torch.save file; it holds code that "
                + "cannot be loaded here. In Python, save `model.state_dict()` with torch.save and load that"
        case .unsupportedDType(let what): return "unsupported dtype: \(what)"
        case .notPyTorchFile(let what): return "not a PyTorch file: \(what)"
        case .limitExceeded(let what): return "limit exceeded: \(what)"
        case .pickledModule(let name, let tensors):
            return "the file holds a whole pickled nn.Module (\(name)), i.e. Python classes that cannot be "
                + "rebuilt in Swift. Define the architecture in Swift code and load only its weights: in Python "
                + "`torch.save(model.state_dict(), path)`, then `try model.loadStateDict(Torch.load(path))`. "
                + "The \(tensors.count) plain tensors found are available in this error's `tensors` (state_dict keys)"
        case .typeMismatch(let expected, let found): return "expected \(expected), found \(found)"
        case .keyNotFound(let key): return "no entry \(key)"
        case .unsupportedValue(let what): return "cannot save \(what)"
        }
    }
}
