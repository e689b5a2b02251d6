/// An uncaught exception (or syntax error) of an execution, as a notebook shows it.
public struct ExecutionError: Error, Sendable, Equatable {
    /// The exception's class name, e.g. `ZeroDivisionError`.
    public var ename: String
    /// `str(exception)`.
    public var evalue: String
    /// IPython-style traceback lines: a header, `Cell In[n], line l` frames with their source
    /// lines, and the final `ename: evalue` line.
    public var traceback: [String]

    public init(ename: String, evalue: String, traceback: [String]) {
        self.ename = ename
        self.evalue = evalue
        self.traceback = traceback
    }
}

/// What one execution produced besides the text it printed.
public struct ExecutionResult: Sendable, Equatable {
    /// `repr` of the trailing expression's value when the cell ends with an expression
    /// statement whose value is not None (IPython's `execute_result`).
    public var result: String?
    /// The uncaught exception, if the cell raised one; everything done before it stays done.
    public var error: ExecutionError?

    public init(result: String? = nil, error: ExecutionError? = nil) {
        self.result = result
        self.error = error
    }
}

extension Interpreter {
    /// Parses and runs one cell. A syntax error runs nothing. Text written by `print` goes to
    /// `output` as it is written. Globals persist for later executions.
    /// - Parameters:
    ///   - source: the cell's code.
    ///   - cell: its execution number, shown in tracebacks as `Cell In[cell]`.
    public func execute(_ source: String, cell: Int) -> ExecutionResult {
        cellSources[cell] = source
        let statements: [Stmt]
        do {
            statements = try PythonParser.parse(source)
        } catch {
            return ExecutionResult(error: syntaxErrorReport(error, sourceLines(cell), cell))
        }
        return execute(statements, cell: cell)
    }

    /// Runs already parsed statements (see `execute(_:cell:)`).
    public func execute(_ statements: [Stmt], cell: Int) -> ExecutionResult {
        resetHeapAccounting()
        let scope = CompileScope(kind: .module, parent: nil, info: ScopeInfo(), name: "<module>")
        let compiler = Compiler(interp: self, cellNumber: cell, scope: scope)
        var body = statements
        var trailing: Expr?
        if let last = body.last, case .expression(let e) = last.kind {
            trailing = e
            body.removeLast()
        }
        let code: StmtCode
        let trailingCode: ExprCode?
        do {
            code = try compiler.block(body)
            trailingCode = try trailing.map { try compiler.expr($0) }
        } catch let error as SyntaxErrorInfo {
            return ExecutionResult(error: syntaxErrorReport(error, sourceLines(cell), cell))
        } catch {
            return ExecutionResult(error: ExecutionError(ename: "SystemError", evalue: "\(error)", traceback: []))
        }
        let frame = Frame(interp: self, slotCount: scope.slotCount, cells: [])
        currentCell = cell
        depth = 0
        nativeDepth = 0
        handling = []
        reprGuard = []
        defer {
            currentCell = nil
            handling = []
        }
        do {
            _ = try code(frame)
            if let trailingCode, let last = statements.last {
                frame.line = last.location.line
                let value = try trailingCode(frame)
                if value.isNone { return ExecutionResult() }
                return ExecutionResult(result: try repr(value))
            }
            return ExecutionResult()
        } catch let error as PyError {
            addTraceback(error, frame: frame, code: nil)
            return ExecutionResult(error: report(error.exception))
        } catch {
            return ExecutionResult(error: ExecutionError(ename: "SystemError", evalue: "\(error)", traceback: []))
        }
    }

    /// The lines of an executed cell's source (empty when unknown); split on demand because only
    /// tracebacks need them and splitting on every execution costs more than parsing small cells.
    func sourceLines(_ cell: Int) -> [Substring] {
        cellSources[cell]?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
    }

    func syntaxErrorReport(_ error: SyntaxErrorInfo, _ lines: [Substring], _ cell: Int) -> ExecutionError {
        var traceback = ["  Cell In[\(cell)], line \(error.line)"]
        if error.line >= 1 && error.line <= lines.count {
            let text = lines[error.line - 1]
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            traceback.append("    " + trimmed)
            let caret = max(0, error.offset - 1 - (text.count - trimmed.count))
            traceback.append("    " + String(repeating: " ", count: caret) + "^")
        }
        traceback.append("\(error.kind.rawValue): \(error.message)")
        return ExecutionError(ename: error.kind.rawValue, evalue: "\(error.message) (<cell>, line \(error.line))", traceback: traceback)
    }

    /// The notebook report of an uncaught exception.
    public func report(_ e: PyException) -> ExecutionError {
        let evalue = (try? exceptionText(e)) ?? "<exception str() failed>"
        var traceback: [String] = []
        var lines: [Int: [Substring]] = [:]
        appendChain(e, &traceback, seen: [], lines: &lines)
        return ExecutionError(ename: e.cls.name, evalue: evalue, traceback: traceback)
    }

    func exceptionText(_ e: PyException) throws -> String {
        try str(.object(e))
    }

    private func appendChain(_ e: PyException, _ out: inout [String], seen: Set<ObjectIdentifier>,
                             lines: inout [Int: [Substring]]) {
        var seen = seen
        seen.insert(ObjectIdentifier(e))
        if seen.count > 50 {
            out.append("...")
        } else if let cause = e.cause, !seen.contains(ObjectIdentifier(cause)) {
            appendChain(cause, &out, seen: seen, lines: &lines)
            out += ["", "The above exception was the direct cause of the following exception:", ""]
        } else if !e.suppressContext, let context = e.context, !seen.contains(ObjectIdentifier(context)) {
            appendChain(context, &out, seen: seen, lines: &lines)
            out += ["", "During handling of the above exception, another exception occurred:", ""]
        }
        out.append("---------------------------------------------------------------------------")
        out.append(e.cls.name.padding(toLength: 42) + "Traceback (most recent call last)")
        for entry in e.traceback.reversed() {
            let place = entry.cell.map { "Cell In[\($0)], line \(entry.line)" } ?? "line \(entry.line)"
            out.append(entry.function.map { "\(place), in \($0)" } ?? place)
            if let cell = entry.cell {
                let cellLines = lines[cell] ?? sourceLines(cell)
                lines[cell] = cellLines
                if entry.line >= 1, entry.line <= cellLines.count {
                    out.append("----> " + String(entry.line).padding(toLength: 1) + " " + cellLines[entry.line - 1])
                }
            }
            out.append("")
        }
        let text = (try? exceptionText(e)) ?? ""
        out.append(text.isEmpty ? e.cls.name : "\(e.cls.name): \(text)")
    }
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
