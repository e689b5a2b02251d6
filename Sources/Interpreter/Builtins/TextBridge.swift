import BigInt

// Adapters from the object model to the exact text algorithms in `Text/`: `%` formatting,
// `str.format`/`format_map`, and the conversion of their errors into Python exceptions.

extension Interpreter {
    /// `template % args`, CPython 3.11's `PyUnicode_Format`.
    public func percentFormat(_ template: String, _ args: Value) throws -> String {
        let arguments: PercentArguments
        if case .tuple(let tuple) = args {
            arguments = .tuple(tuple.items.map { formatArgument($0) })
        } else {
            var mapping: ((String) throws -> FormatArgument)?
            if isMapping(args) {
                mapping = { key in self.formatArgument(try self.getItem(args, .string(key))) }
            }
            arguments = .single(formatArgument(args), mapping: mapping)
        }
        return try textCall { try PercentFormat.format(template, arguments) }
    }

    /// `template.format(*positional, **keywords)`, or `template.format_map(mapping)` when
    /// `mapping` is given (names are then looked up in it).
    public func formatTemplate(_ template: String, positional: [Value], keywords: [(name: String, value: Value)],
                               mapping: Value? = nil) throws -> String {
        let resolver = FormatFieldResolver<Value>(
            positionalCount: positional.count,
            positional: { positional[$0] },
            keyword: { name in
                if let mapping { return try self.getItem(mapping, .string(name)) }
                guard let found = keywords.first(where: { $0.name == name }) else { throw PyError.key(.string(name)) }
                return found.value
            },
            attribute: { value, name in try self.getAttribute(value, name) },
            item: { value, key in
                switch key {
                case .index(let index): return try self.getItem(value, .int(index))
                case .key(let name): return try self.getItem(value, .string(name))
                }
            },
            convert: { value, conversion in
                switch conversion {
                case "r": return .string(try self.repr(value))
                case "a": return .string(try self.formatArgument(value).ascii())
                default: return .string(try self.str(value))
                }
            },
            format: { value, spec in try self.format(value, spec) })
        return try textCall { try FormatTemplate.format(template, resolver) }
    }

    /// What the formatters need to know about a value.
    func formatArgument(_ value: Value) -> FormatArgument {
        let str: () throws -> String = { try self.str(value) }
        let repr: () throws -> String = { try self.repr(value) }
        switch value {
        case .int(let i):
            return FormatArgument(typeName: "int", number: .int(BigInt(i)), str: str, repr: repr)
        case .bool(let b):
            return FormatArgument(typeName: "bool", number: .int(b ? 1 : 0), str: str, repr: repr)
        case .float(let d):
            return FormatArgument(typeName: "float", number: .float(d), str: str, repr: repr)
        case .str(let s):
            return FormatArgument(typeName: value.typeName, string: s.value, str: str, repr: repr)
        default:
            if let big = value.bigIntValue {
                return FormatArgument(typeName: value.typeName, number: .int(big), str: str, repr: repr)
            }
            return FormatArgument(typeName: value.typeName, str: str, repr: repr)
        }
    }

    /// CPython's `PyMapping_Check` as `%` uses it: subscriptable, and neither a tuple nor a str.
    private func isMapping(_ value: Value) -> Bool {
        switch value {
        case .dict, .list: return true
        case .tuple, .str, .none, .bool, .int, .float: return false
        case .object(let o): return !(o is PyBigInt) && o.pyType.lookup("__getitem__") != nil
        }
    }

    /// Runs a text algorithm, raising its `TextError` as the Python exception it names.
    func textCall<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TextError {
            throw PyError(textError: error)
        }
    }
}

extension PyError {
    /// The Python exception a text algorithm's error names.
    public init(textError error: TextError) {
        if error.isMemoryError {
            self.init(Builtin.memoryError, args: [])
            return
        }
        switch error.kind {
        case .valueError: self.init(Builtin.valueError, error.message)
        case .typeError: self.init(Builtin.typeError, error.message)
        case .overflowError: self.init(Builtin.overflowError, error.message)
        case .indexError: self.init(Builtin.indexError, error.message)
        case .keyError: self.init(Builtin.keyError, args: [.string(error.message)])
        }
    }
}
