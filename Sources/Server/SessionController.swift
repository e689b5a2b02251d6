#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Hummingbird
import Kernel

/// The `/api` routes of DESIGN.md §3.
struct SessionController<Context: RequestContext> {
    let registry: SessionRegistry
    let maxBodyBytes: Int

    /// Routes under the `/api` group, with the methods each path allows.
    func addRoutes(to group: RouterGroup<Context>) {
        group.route("sessions", [.post: createSession, .get: listSessions])
        group.route("sessions/:id", [.get: getSession, .delete: deleteSession])
        group.route("sessions/:id/execute", [.post: execute])
        group.route("sessions/:id/interrupt", [.post: interrupt])
        group.route("sessions/:id/restart", [.post: restart])
        group.route("execute", [.post: executeThrowaway])
        group.route("notebooks/execute", [.post: executeNotebook])
    }

    @Sendable func createSession(_ request: Request, context: Context) async throws -> Response {
        if let body = try await request.jsonBody(limit: maxBodyBytes), body.objectValue == nil {
            throw APIError.invalidRequest("The body must be empty or a JSON object.")
        }
        let session = try registry.create()
        return try JSONResponse.make(session.info, status: .created)
    }

    @Sendable func listSessions(_ request: Request, context: Context) async throws -> Response {
        try JSONResponse.make(registry.sessions.map(\.info))
    }

    @Sendable func getSession(_ request: Request, context: Context) async throws -> Response {
        try JSONResponse.make(try session(context).info)
    }

    @Sendable func deleteSession(_ request: Request, context: Context) async throws -> Response {
        try registry.remove(try id(context))
        return Response(status: .noContent)
    }

    @Sendable func execute(_ request: Request, context: Context) async throws -> Response {
        let session = try session(context)
        let code = try await request.executeCode(limit: maxBodyBytes)
        let reply = try await Self.run(code, in: session)
        return try Self.answer(reply, to: request)
    }

    @Sendable func interrupt(_ request: Request, context: Context) async throws -> Response {
        try session(context).interrupt()
        return Response(status: .noContent)
    }

    @Sendable func restart(_ request: Request, context: Context) async throws -> Response {
        let session = try session(context)
        do {
            return try JSONResponse.make(try await session.restart())
        } catch let error as KernelSessionError {
            throw Self.translate(error, session: session)
        }
    }

    @Sendable func executeThrowaway(_ request: Request, context: Context) async throws -> Response {
        let code = try await request.executeCode(limit: maxBodyBytes)
        let reply = try await registry.withThrowawaySession { session in
            try await Self.run(code, in: session)
        }
        return try Self.answer(reply, to: request)
    }

    @Sendable func executeNotebook(_ request: Request, context: Context) async throws -> Response {
        // A whole notebook's JSON can take milliseconds to read and write.
        try await EventLoopExecutor.offEventLoops { try await runNotebook(request) }
    }

    private func runNotebook(_ request: Request) async throws -> Response {
        guard let json = try await request.jsonBody(limit: maxBodyBytes) else {
            throw APIError.invalidRequest("The body must be an nbformat 4 notebook; it was empty.")
        }
        let notebook: Notebook
        do {
            notebook = try Notebook(json: json)
        } catch {
            throw APIError(.badRequest, code: "invalid_notebook", message: "The body is not an nbformat 4 notebook: \(error.message)")
        }
        let allowErrors = try Self.allowErrors(request)
        let run = try await registry.withThrowawaySession { session in
            do {
                return try await session.run(notebook, allowErrors: allowErrors)
            } catch let error as KernelSessionError {
                throw Self.translate(error, session: session)
            }
        }
        return try JSONResponse.make(run.notebook)
    }

    private func id(_ context: Context) throws(APIError) -> String {
        guard let id = context.parameters.get("id") else { throw .invalidRequest("The path has no session id.") }
        return id
    }

    private func session(_ context: Context) throws(APIError) -> KernelSession {
        try registry.session(try id(context))
    }

    private static func run(_ code: String, in session: KernelSession) async throws -> ExecuteReply {
        do {
            return try await session.execute(code)
        } catch let error as KernelSessionError {
            throw translate(error, session: session)
        }
    }

    private static func answer(_ reply: ExecuteReply, to request: Request) throws -> Response {
        guard request.wantsPlainText else { return JSONResponse.make(jsonText: reply.jsonBytes) }
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: reply.plainText))
        )
    }

    private static func allowErrors(_ request: Request) throws(APIError) -> Bool {
        guard let value = request.uri.queryParameters.get("allow_errors") else { return true }
        switch value.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw .invalidRequest("allow_errors must be true or false, not '\(value)'.")
        }
    }

    private static func translate(_ error: KernelSessionError, session: KernelSession) -> APIError {
        switch error {
        case .queueFull(let limit): return .queueFull(limit: limit)
        case .closed: return .sessionNotFound(session.id)
        case .threadUnavailable:
            return APIError(.serviceUnavailable, code: "no_thread", message: "The system could not start a thread for this session.")
        }
    }
}
