/// What a host (the TensorFlow layer, the kernel) uses to extend an interpreter.
extension Interpreter {
    /// Makes `import name` (and `import name as alias`, `from name import x`) load the module
    /// `factory` builds, once per interpreter, on first import.
    public func registerModule(_ name: String, _ factory: @escaping (Interpreter) throws -> PyModule) {
        moduleFactories[name] = factory
        loadedModules[name] = nil
    }
}
