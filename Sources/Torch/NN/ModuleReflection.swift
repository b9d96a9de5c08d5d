/// How a module finds its parameters and submodules: from its stored
/// properties (by reflection, in declaration order, superclass properties
/// first), then from what was registered by name at run time.
extension Module {
    /// The parameters and submodules held directly by this module.
    func directMembers() -> (parameters: [(String, Parameter)], modules: [(String, Module)]) {
        var parameters: [(String, Parameter)] = []
        var modules: [(String, Module)] = []
        // Mirrors from the most derived class up to (not including) Module itself.
        var mirrors: [Mirror] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        while let m = mirror, m.subjectType != Module.self {
            mirrors.append(m)
            mirror = m.superclassMirror
        }
        for m in mirrors.reversed() {
            for child in m.children {
                guard let label = child.label, let value = unwrapOptional(child.value) else { continue }
                let name = snakeCase(propertyName(label))
                if let p = value as? Parameter {
                    parameters.append((name, p))
                } else if let module = value as? Module {
                    modules.append((name, module))
                }
            }
        }
        for (name, p) in registeredParameters { if let p { parameters.append((name, p)) } }
        for (name, module) in registeredModules { if let module { modules.append((name, module)) } }
        return (parameters, modules)
    }

    /// The direct submodules with their names, PyTorch's `named_children()`.
    public func namedChildren() -> [(name: String, module: Module)] {
        var seen = Set<ObjectIdentifier>()
        return directMembers().modules.filter { seen.insert(ObjectIdentifier($0.1)).inserted }.map { ($0.0, $0.1) }
    }

    /// The direct submodules, PyTorch's `children()`.
    public func children() -> [Module] { namedChildren().map(\.module) }

    /// This module and every submodule, depth first, with dotted names
    /// (`""` for this one), PyTorch's `named_modules()`.
    public func namedModules(prefix: String = "") -> [(name: String, module: Module)] {
        var result: [(String, Module)] = []
        var seen = Set<ObjectIdentifier>()
        func visit(_ m: Module, _ name: String) {
            guard seen.insert(ObjectIdentifier(m)).inserted else { return }
            result.append((name, m))
            for (childName, child) in m.namedChildren() {
                visit(child, name.isEmpty ? childName : name + "." + childName)
            }
        }
        visit(self, prefix)
        return result
    }

    /// This module and every submodule, PyTorch's `modules()`.
    public func modules() -> [Module] { namedModules().map(\.module) }

    /// Every parameter with its dotted name (`0.weight`, `linear.bias`), each
    /// once even when shared, PyTorch's `named_parameters()`.
    public func namedParameters(prefix: String = "", recurse: Bool = true) -> [(name: String, parameter: Parameter)] {
        var result: [(String, Parameter)] = []
        var seen = Set<ObjectIdentifier>()
        let owners = recurse ? namedModules(prefix: prefix) : [(prefix, self)]
        for (moduleName, m) in owners {
            for (name, p) in m.directMembers().parameters where seen.insert(ObjectIdentifier(p)).inserted {
                result.append((moduleName.isEmpty ? name : moduleName + "." + name, p))
            }
        }
        return result
    }

    /// Every parameter, PyTorch's `parameters()`: what an optimizer takes.
    public func parameters(recurse: Bool = true) -> [Tensor] {
        namedParameters(recurse: recurse).map(\.parameter)
    }

    /// Every buffer with its dotted name (`bn.running_mean`), PyTorch's `named_buffers()`.
    public func namedBuffers(prefix: String = "", recurse: Bool = true) -> [(name: String, buffer: Tensor)] {
        var result: [(String, Tensor)] = []
        let owners = recurse ? namedModules(prefix: prefix) : [(prefix, self)]
        for (moduleName, m) in owners {
            for (name, b) in m.registeredBuffers {
                if let b { result.append((moduleName.isEmpty ? name : moduleName + "." + name, b)) }
            }
        }
        return result
    }

    /// Every buffer, PyTorch's `buffers()`.
    public func buffers(recurse: Bool = true) -> [Tensor] { namedBuffers(recurse: recurse).map(\.buffer) }

    /// Adds a tensor that is part of the module's state but not a parameter
    /// (running statistics), PyTorch's `register_buffer`. Non-persistent
    /// buffers stay out of `stateDict()`.
    public func registerBuffer(_ name: String, _ tensor: Tensor?, persistent: Bool = true,
                               file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(!name.contains("."), "buffer name can't contain \".\"", file: file, line: line)
        torchCheck(!name.isEmpty, "buffer name can't be empty string \"\"", file: file, line: line)
        registeredBuffers[name] = .some(tensor)
        if persistent { nonPersistentBuffers.remove(name) } else { nonPersistentBuffers.insert(name) }
    }

    /// The buffer registered under `name`, or nil.
    public func buffer(_ name: String) -> Tensor? { registeredBuffers[name] ?? nil }

    /// Adds a parameter by name at run time, PyTorch's `register_parameter`.
    public func registerParameter(_ name: String, _ parameter: Parameter?, file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(!name.contains("."), "parameter name can't contain \".\"", file: file, line: line)
        torchCheck(!name.isEmpty, "parameter name can't be empty string \"\"", file: file, line: line)
        registeredParameters[name] = .some(parameter)
    }

    /// Adds a submodule by name at run time, PyTorch's `add_module` / `register_module`.
    public func addModule(_ name: String, _ module: Module?, file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(!name.contains("."), "module name can't contain \".\", got: \(name)", file: file, line: line)
        torchCheck(!name.isEmpty, "module name can't be empty string \"\"", file: file, line: line)
        registeredModules[name] = .some(module)
    }
}

/// A property label without the storage prefixes Swift adds for property
/// wrappers (`_name`) and lazy properties.
private func propertyName(_ label: String) -> String {
    if label.hasPrefix("$__lazy_storage_$_") { return String(label.dropFirst("$__lazy_storage_$_".count)) }
    if label.hasPrefix("_") { return String(label.dropFirst()) }
    return label
}

/// `runningMean` -> `running_mean`, `weightIhL0` -> `weight_ih_l0`: Swift's
/// property names as PyTorch's attribute names.
func snakeCase(_ name: String) -> String {
    var out = ""
    for ch in name {
        if ch.isUppercase {
            if !out.isEmpty { out.append("_") }
            out.append(contentsOf: ch.lowercased())
        } else {
            out.append(ch)
        }
    }
    return out
}

/// The wrapped value of an optional held as `Any`, nil for `.none`.
private func unwrapOptional(_ value: Any) -> Any? {
    let mirror = Mirror(reflecting: value)
    guard mirror.displayStyle == .optional else { return value }
    return mirror.children.first?.value
}
