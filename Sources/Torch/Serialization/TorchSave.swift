import Foundation

/// Saves a value in PyTorch's `.pt` format, PyTorch's `torch.save(value, path)`.
///
/// The value is any nesting of tensors, parameters, state dicts, optimizer
/// state dicts, dictionaries, arrays, strings, numbers, booleans and nil. The
/// file loads in Python with `torch.load(path)` (the default
/// `weights_only=True`, also with `mmap=True`), bit for bit; tensors that share
/// a storage (views) are saved once and load as views again.
///
/// The file is written to a temporary file in the same folder and renamed over
/// `path` at the end, so a crash or a full disk never destroys a previous file.
///
/// ```swift
/// try Torch.save(model.stateDict(), to: "model.pt")
/// ```
public func save(_ value: some PickleConvertible, to path: String) throws {
    try savePickleValue(value.pickleValue, to: path)
}

/// Saves a dictionary literal with values of different kinds, in the literal's
/// order, as a Python `dict` (a training checkpoint):
///
/// ```swift
/// try Torch.save(["epoch": epoch, "model_state_dict": model.stateDict(),
///                 "optimizer_state_dict": optimizer.stateDict(), "loss": loss], to: "ckpt.pt")
/// ```
public func save(_ value: KeyValuePairs<String, any PickleConvertible>, to path: String) throws {
    let dict = PickleDict(value.map { (key: PickleValue.string($0.key), value: $0.value.pickleValue) })
    try savePickleValue(.dict(dict), to: path)
}

func savePickleValue(_ value: PickleValue, to path: String, zip64Threshold: Int = 0xFFFF_FFFF) throws {
    var pickle = PickleWriter()
    try pickle.write(value)
    pickle.finish()
    let storages = pickle.storages
    let bytes = pickle.bytes
    try writeAtomically(to: URL(fileURLWithPath: path)) { sink in
        var zip = ZipWriter(sink: sink, zip64Threshold: zip64Threshold)
        try zip.add("archive/data.pkl", bytes)
        try zip.add("archive/byteorder", Array("little".utf8))
        for (i, s) in storages.enumerated() {
            switch s {
            case .tensor(let storage, let byteCount):
                try withExtendedLifetime(storage) { try zip.add("archive/data/\(i)", storage.data, count: byteCount) }
            case .raw(let data):
                try data.withUnsafeBytes { try zip.add("archive/data/\(i)", $0.baseAddress, count: data.count) }
            }
        }
        try zip.add("archive/version", Array("3\n".utf8))
        try zip.finish()
    }
}
