/// The builtin classes and singletons, shared (read-only) by every interpreter.
public enum Builtin {
    nonisolated(unsafe) public static let objectType: PyType = PyType(name: "object", base: nil, constructor: { _, args in
        if !args.positional.isEmpty || !args.keywords.isEmpty { throw PyError.type("object() takes no arguments") }
        return .object(PyInstance(cls: Builtin.objectType))
    })
    nonisolated(unsafe) public static let typeType: PyType = PyType(name: "type", base: objectType)
    nonisolated(unsafe) public static let noneType: PyType = PyType(name: "NoneType", base: objectType)
    nonisolated(unsafe) public static let intType: PyType = PyType(name: "int", base: objectType)
    nonisolated(unsafe) public static let boolType: PyType = PyType(name: "bool", base: intType)
    nonisolated(unsafe) public static let floatType: PyType = PyType(name: "float", base: objectType)
    nonisolated(unsafe) public static let strType: PyType = PyType(name: "str", base: objectType)
    nonisolated(unsafe) public static let listType: PyType = PyType(name: "list", base: objectType)
    nonisolated(unsafe) public static let tupleType: PyType = PyType(name: "tuple", base: objectType)
    nonisolated(unsafe) public static let dictType: PyType = PyType(name: "dict", base: objectType)
    nonisolated(unsafe) public static let setType: PyType = PyType(name: "set", base: objectType)
    nonisolated(unsafe) public static let frozensetType: PyType = PyType(name: "frozenset", base: objectType)
    nonisolated(unsafe) public static let rangeType: PyType = PyType(name: "range", base: objectType)
    nonisolated(unsafe) public static let sliceType: PyType = PyType(name: "slice", base: objectType)
    nonisolated(unsafe) public static let moduleType: PyType = PyType(name: "module", base: objectType)
    nonisolated(unsafe) public static let functionType: PyType = PyType(name: "function", base: objectType)
    nonisolated(unsafe) public static let builtinFunctionType: PyType = PyType(name: "builtin_function_or_method", base: objectType)
    nonisolated(unsafe) public static let methodType: PyType = PyType(name: "method", base: objectType)
    nonisolated(unsafe) public static let generatorType: PyType = PyType(name: "generator", base: objectType)
    nonisolated(unsafe) public static let iteratorType: PyType = PyType(name: "iterator", base: objectType)
    nonisolated(unsafe) public static let staticMethodType: PyType = PyType(name: "staticmethod", base: objectType)
    nonisolated(unsafe) public static let classMethodType: PyType = PyType(name: "classmethod", base: objectType)
    nonisolated(unsafe) public static let propertyType: PyType = PyType(name: "property", base: objectType)
    nonisolated(unsafe) public static let superType: PyType = PyType(name: "super", base: objectType)
    nonisolated(unsafe) public static let notImplementedType: PyType = PyType(name: "NotImplementedType", base: objectType)
    nonisolated(unsafe) public static let ellipsisType: PyType = PyType(name: "ellipsis", base: objectType)
    nonisolated(unsafe) public static let notImplementedObject: PySingleton = PySingleton(name: "NotImplemented", type: notImplementedType)
    nonisolated(unsafe) public static let ellipsisObject: PySingleton = PySingleton(name: "Ellipsis", type: ellipsisType)

    // The exception hierarchy (CPython 3.11), created in dependency order.
    nonisolated(unsafe) public static let baseException: PyType = PyType(name: "BaseException", base: objectType)
    nonisolated(unsafe) public static let exception: PyType = exc("Exception", baseException)
    nonisolated(unsafe) public static let arithmeticError: PyType = exc("ArithmeticError", exception)
    nonisolated(unsafe) public static let zeroDivisionError: PyType = exc("ZeroDivisionError", arithmeticError)
    nonisolated(unsafe) public static let overflowError: PyType = exc("OverflowError", arithmeticError)
    nonisolated(unsafe) public static let floatingPointError: PyType = exc("FloatingPointError", arithmeticError)
    nonisolated(unsafe) public static let lookupError: PyType = exc("LookupError", exception)
    nonisolated(unsafe) public static let indexError: PyType = exc("IndexError", lookupError)
    nonisolated(unsafe) public static let keyError: PyType = exc("KeyError", lookupError)
    nonisolated(unsafe) public static let valueError: PyType = exc("ValueError", exception)
    nonisolated(unsafe) public static let unicodeError: PyType = exc("UnicodeError", valueError)
    nonisolated(unsafe) public static let typeError: PyType = exc("TypeError", exception)
    nonisolated(unsafe) public static let nameError: PyType = exc("NameError", exception)
    nonisolated(unsafe) public static let unboundLocalError: PyType = exc("UnboundLocalError", nameError)
    nonisolated(unsafe) public static let attributeError: PyType = exc("AttributeError", exception)
    nonisolated(unsafe) public static let runtimeError: PyType = exc("RuntimeError", exception)
    nonisolated(unsafe) public static let recursionError: PyType = exc("RecursionError", runtimeError)
    nonisolated(unsafe) public static let notImplementedError: PyType = exc("NotImplementedError", runtimeError)
    nonisolated(unsafe) public static let stopIteration: PyType = exc("StopIteration", exception)
    nonisolated(unsafe) public static let assertionError: PyType = exc("AssertionError", exception)
    nonisolated(unsafe) public static let importError: PyType = exc("ImportError", exception)
    nonisolated(unsafe) public static let moduleNotFoundError: PyType = exc("ModuleNotFoundError", importError)
    nonisolated(unsafe) public static let keyboardInterrupt: PyType = exc("KeyboardInterrupt", baseException)
    nonisolated(unsafe) public static let systemExit: PyType = exc("SystemExit", baseException)
    nonisolated(unsafe) public static let generatorExit: PyType = exc("GeneratorExit", baseException)
    nonisolated(unsafe) public static let osError: PyType = exc("OSError", exception)
    nonisolated(unsafe) public static let timeoutError: PyType = exc("TimeoutError", osError)
    nonisolated(unsafe) public static let memoryError: PyType = exc("MemoryError", exception)
    nonisolated(unsafe) public static let syntaxError: PyType = exc("SyntaxError", exception)
    nonisolated(unsafe) public static let indentationError: PyType = exc("IndentationError", syntaxError)
    nonisolated(unsafe) public static let tabError: PyType = exc("TabError", indentationError)
    nonisolated(unsafe) public static let warning: PyType = exc("Warning", exception)
    nonisolated(unsafe) public static let userWarning: PyType = exc("UserWarning", warning)
    nonisolated(unsafe) public static let deprecationWarning: PyType = exc("DeprecationWarning", warning)
    nonisolated(unsafe) public static let runtimeWarning: PyType = exc("RuntimeWarning", warning)

    /// Every builtin exception class, as the builtins namespace exposes them.
    nonisolated(unsafe) public static let exceptionTypes: [PyType] = [
        baseException, exception, arithmeticError, zeroDivisionError, overflowError, floatingPointError,
        lookupError, indexError, keyError, valueError, unicodeError, typeError, nameError, unboundLocalError,
        attributeError, runtimeError, recursionError, notImplementedError, stopIteration, assertionError,
        importError, moduleNotFoundError, keyboardInterrupt, systemExit, generatorExit, osError, timeoutError,
        memoryError, syntaxError, indentationError, tabError, warning, userWarning, deprecationWarning,
        runtimeWarning,
    ]

    private static func exc(_ name: String, _ base: PyType) -> PyType {
        PyType(name: name, base: base)
    }
}
