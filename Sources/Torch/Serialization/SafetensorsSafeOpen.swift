extension Safetensors {
    /// An open safetensors file whose tensors are built one at a time on
    /// request, PyTorch's `safe_open(path, framework="pt")`.
    ///
    /// ```swift
    /// let f = try Safetensors.safeOpen("model.safetensors")
    /// for key in f.keys() { print(key, try f.getTensor(key).shape) }
    /// ```
    ///
    /// The file is memory-mapped copy-on-write and its header validated once;
    /// tensors share the mapping where their data is aligned.
    public final class SafeOpen: @unchecked Sendable {
        /// The file's path.
        public let path: String
        private let file: MappedFile
        private let header: Header
        private let index: [String: Int]

        init(path: String) throws {
            self.path = path
            do {
                file = try MappedFile(path: path)
            } catch let e as FileFailure {
                throw SafetensorsError.io(path: path, message: e.message)
            }
            header = try Safetensors.header(of: file.bytes)
            var index: [String: Int] = [:]
            for (i, e) in header.entries.enumerated() { index[e.name] = i }
            self.index = index
        }

        /// The tensor names in file order, `keys()`.
        public func keys() -> [String] { header.entries.map(\.name) }

        /// The `__metadata__` strings, or nil when the file has none, `metadata()`.
        public func metadata() -> [String: String]? { header.metadata }

        /// One tensor by name, `get_tensor(name)`; throws `SafetensorsError.missingTensor` for an unknown name.
        public func getTensor(_ name: String) throws -> Tensor {
            guard let i = index[name] else { throw SafetensorsError.missingTensor(name) }
            return Safetensors.mappedTensor(header.entries[i], file: file, dataStart: header.dataStart)
        }

        /// The dtype and shape of a tensor without building it.
        public func info(_ name: String) throws -> (dtype: DType, shape: [Int]) {
            guard let i = index[name] else { throw SafetensorsError.missingTensor(name) }
            return (header.entries[i].dtype, header.entries[i].shape)
        }
    }

    /// Opens a safetensors file for reading tensors one at a time, `safe_open(path, framework="pt")`.
    public static func safeOpen(_ path: String) throws -> SafeOpen { try SafeOpen(path: path) }
}
