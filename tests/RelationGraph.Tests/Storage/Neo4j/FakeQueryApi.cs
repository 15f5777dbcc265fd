using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>What the fake was asked, for assertions.</summary>
internal sealed record FakeRequest(HttpMethod Method, string Path, FakeRequestKind Kind, string? Statement, string? StatementName, string? Affinity)
{
    public IReadOnlyList<string> Bookmarks { get; init; } = [];

    /// <summary>The statement's parameters, decoded (strings, numbers, lists, maps).</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>The request body's accessMode (READ or WRITE), null when it sent none (Neo4j then assumes WRITE).</summary>
    public string? AccessMode { get; init; }

    /// <summary>The request body's maxExecutionTime in seconds, null when it sent none (the server's db.transaction.timeout applies).</summary>
    public long? MaxExecutionTime { get; init; }
}

internal enum FakeRequestKind
{
    Query,
    Begin,
    Run,
    Commit,
    Rollback,
}

/// <summary>
/// What one statement cost the fake: relationships read, nodes read by label scans, deepest path hop, and mention and
/// evidence nodes read (a document's provenance, or an entity's or fact's whole history).
/// </summary>
internal sealed record FakeCost(string Statement, long RelationshipReads, long NodesScanned, int DeepestHop, long ProvenanceReads = 0);

/// <summary>A failure the fake injects instead of answering.</summary>
internal abstract record FakeFault
{
    /// <summary>A Neo4j error in the documented error shape, with the given HTTP status.</summary>
    public sealed record Error(string Code, string Message = "injected", HttpStatusCode HttpStatus = HttpStatusCode.BadRequest) : FakeFault;

    /// <summary>A bare HTTP status without a Neo4j body (a proxy's 502/503, say).</summary>
    public sealed record Bare(HttpStatusCode Code) : FakeFault;

    /// <summary>
    /// The statement runs on and on, as a runaway query does. Closing the request does not stop it: the server ends its
    /// transaction only when the transaction's time limit passes (the maxExecutionTime it began with, else the server's
    /// db.transaction.timeout, unlimited by default), and answers a client still waiting with TransactionTimedOut.
    /// </summary>
    public sealed record Hang : FakeFault;

    /// <summary>The connection drops mid-response.</summary>
    public sealed record Drop : FakeFault;

    /// <summary>The request is carried out, then the connection drops before the answer arrives.</summary>
    public sealed record LoseAnswer : FakeFault;

    /// <summary>The request is carried out and answered 202, but the body stops half-way (a proxy cut it off).</summary>
    public sealed record Truncate : FakeFault;
}

/// <summary>
/// A strict in-process Neo4j Query API (<c>/db/{db}/query/v2</c>, <c>/tx</c>, <c>/tx/{id}</c>, <c>/tx/{id}/commit</c>,
/// DELETE to roll back). It checks basic auth, the request shape, parameters, transaction lifecycle and the
/// affinity header, applies Neo4j's property rules, answers in the documented response and error shapes, and
/// runs only the statements in cypher/ (see <see cref="FakeStatements"/>). Faults can be injected per request.
/// </summary>
internal sealed partial class FakeQueryApi : HttpMessageHandler
{
    // the fields of the server's QueryRequest (org.neo4j.server.queryapi.request); Jackson refuses any other
    private static readonly HashSet<string> AllowedBodyFields = new(StringComparer.Ordinal)
    {
        "statement", "parameters", "bookmarks", "includeCounters", "impersonatedUser", "accessMode", "maxExecutionTime",
    };

    private const string TimedOutCode = "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration";

    private readonly object _gate = new();
    private readonly IReadOnlyDictionary<string, (string Name, Func<FakeGraph, Params, FakeAnswer> Run)> _statements;
    private readonly Dictionary<string, FakeTransaction> _transactions = new(StringComparer.Ordinal);
    private readonly List<(Func<FakeRequest, bool> When, FakeFault Fault, int Times)> _faults = [];
    private readonly List<FakeRequest> _requests = [];
    private readonly List<FakeCost> _costs = [];
    private int _nextTransaction = 1;
    private int _authFailures;
    private int _runningStatements;
    private readonly bool _transactionsSupported;
    private readonly TimeSpan? _serverTransactionTimeout;
    private readonly bool _honoursMaxExecutionTime;

    // transactions: false models Neo4j before 5.26, whose Query API has no /tx endpoints; transactionTimeout is the
    // server's db.transaction.timeout (null: unlimited, Neo4j's default); maxExecutionTime: false models a server that
    // parses the field but ignores it (before 2026.04 for implicit transactions)
    public FakeQueryApi(
        string user = "neo4j", string password = "secret-pass", string database = "neo4j", bool transactions = true,
        TimeSpan? transactionTimeout = null, bool maxExecutionTime = true)
    {
        _transactionsSupported = transactions;
        _serverTransactionTimeout = transactionTimeout;
        _honoursMaxExecutionTime = maxExecutionTime;
        User = user;
        Password = password;
        Database = database;
        _statements = FakeStatements.Load(RepositoryPaths.Cypher);
    }

    public string User { get; }

    public string Password { get; }

    public string Database { get; }

    /// <summary>The committed graph.</summary>
    public FakeGraph Graph { get; private set; } = new();

    public IReadOnlyList<FakeRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>What each statement run so far cost, in order.</summary>
    public IReadOnlyList<FakeCost> Costs
    {
        get
        {
            lock (_gate)
            {
                return [.. _costs];
            }
        }
    }

    /// <summary>Requests refused with 401.</summary>
    public int AuthFailures => Volatile.Read(ref _authFailures);

    public int OpenTransactions
    {
        get
        {
            lock (_gate)
            {
                return _transactions.Count;
            }
        }
    }

    /// <summary>Statements still running on the server (a <see cref="FakeFault.Hang"/> whose time limit has not passed), answered or not.</summary>
    public int RunningStatements => Volatile.Read(ref _runningStatements);

    /// <summary>Injects <paramref name="fault"/> for the next <paramref name="times"/> requests matching <paramref name="when"/>.</summary>
    public void Inject(FakeFault fault, Func<FakeRequest, bool>? when = null, int times = 1)
    {
        lock (_gate)
        {
            _faults.Add((when ?? (_ => true), fault, times));
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // a request cancelled before it is sent never reaches the server (the sockets handler checks first)
        cancellationToken.ThrowIfCancellationRequested();
        var path = request.RequestUri!.AbsolutePath;
        if (!IsAuthorised(request))
        {
            Interlocked.Increment(ref _authFailures);
            return Error(HttpStatusCode.Unauthorized, "Neo.ClientError.Security.Unauthorized", "The client is unauthorized due to authentication failure.");
        }

        if (!request.Headers.Accept.Any(a => a.MediaType is "application/json" or "application/vnd.neo4j.query"))
        {
            return Error(HttpStatusCode.NotAcceptable, "Neo.ClientError.Request.Invalid", "Accept must be application/json.");
        }

        var match = RoutePattern().Match(path);
        if (!match.Success)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        if (match.Groups["db"].Value != Database)
        {
            return Error(HttpStatusCode.NotFound, "Neo.ClientError.Database.DatabaseNotFound", $"Database {match.Groups["db"].Value} not found.");
        }

        var txId = match.Groups["tx"].Success ? match.Groups["tx"].Value : null;
        var kind = (match.Groups["txroot"].Success, txId, match.Groups["commit"].Success, request.Method.Method) switch
        {
            (false, _, _, "POST") => FakeRequestKind.Query,
            (true, null, _, "POST") => FakeRequestKind.Begin,
            (true, not null, false, "POST") => FakeRequestKind.Run,
            (true, not null, true, "POST") => FakeRequestKind.Commit,
            (true, not null, false, "DELETE") => FakeRequestKind.Rollback,
            _ => (FakeRequestKind?)null,
        };
        if (kind is null)
        {
            return new HttpResponseMessage(HttpStatusCode.MethodNotAllowed);
        }

        if (kind != FakeRequestKind.Query && !_transactionsSupported)
        {
            lock (_gate)
            {
                _requests.Add(new FakeRequest(request.Method, path, kind.Value, null, null, null));
            }

            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        string? statement = null;
        Dictionary<string, object?> parameters = new(StringComparer.Ordinal);
        IReadOnlyList<string> bookmarks = [];
        string? accessMode = null;
        long? maxExecutionTime = null;
        if (kind != FakeRequestKind.Rollback)
        {
            var body = await ReadBodyAsync(request, kind.Value, cancellationToken);
            if (body.Error is not null)
            {
                return body.Error;
            }

            statement = body.Statement;
            parameters = body.Parameters;
            bookmarks = body.Bookmarks;
            accessMode = body.AccessMode;
            maxExecutionTime = body.MaxExecutionTime;
        }

        var affinity = request.Headers.TryGetValues("neo4j-cluster-affinity", out var values) ? values.First() : null;
        var name = statement is not null && _statements.TryGetValue(statement, out var known) ? known.Name : null;
        var record = new FakeRequest(request.Method, path, kind.Value, statement, name, affinity)
        {
            Bookmarks = bookmarks, Parameters = parameters, AccessMode = accessMode, MaxExecutionTime = maxExecutionTime,
        };
        FakeFault? fault;
        lock (_gate)
        {
            _requests.Add(record);
            fault = TakeFault(record);
        }

        switch (fault)
        {
            case FakeFault.Hang:
                return await RunOnAsync(txId, maxExecutionTime, cancellationToken);
            case FakeFault.Drop:
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.", new IOException("connection reset"));
            case FakeFault.Bare s:
                return new HttpResponseMessage(s.Code) { Content = new StringContent("<html>upstream error</html>", Encoding.UTF8, "text/html") };
            case FakeFault.Error e:
                lock (_gate)
                {
                    if (txId is not null)
                    {
                        _transactions.Remove(txId);
                    }
                }

                return Error(e.HttpStatus, e.Code, e.Message);
        }

        lock (_gate)
        {
            var response = accessMode == "READ" && statement is not null && FakeCypher.Writes(statement)
                ? Error(HttpStatusCode.BadRequest, "Neo.ClientError.Statement.AccessMode", "Writing in read access mode not allowed.")
                : Handle(kind.Value, txId, affinity, statement, parameters, maxExecutionTime);
            if (fault is FakeFault.LoseAnswer)
            {
                response.Dispose();
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.", new IOException("connection reset"));
            }

            if (fault is FakeFault.Truncate)
            {
                var whole = response.Content.ReadAsByteArrayAsync(cancellationToken).GetAwaiter().GetResult();
                response.Content = new ByteArrayContent(whole[..(whole.Length / 2)]) { Headers = { ContentType = new("application/json") } };
            }

            return response;
        }
    }

    private HttpResponseMessage Handle(FakeRequestKind kind, string? txId, string? affinity, string? statement, Dictionary<string, object?> parameters, long? maxExecutionTime)
    {
        switch (kind)
        {
            case FakeRequestKind.Query:
            {
                var graph = Graph.Clone();
                var (answer, error) = Execute(graph, statement!, parameters);
                if (error is not null)
                {
                    return error;
                }

                Graph = graph;
                return Answer(answer!, null);
            }

            case FakeRequestKind.Begin:
            {
                var id = "tx" + _nextTransaction++;
                var newAffinity = Convert.ToBase64String(Encoding.UTF8.GetBytes("member-" + id));
                var graph = Graph.Clone();
                _transactions[id] = new FakeTransaction(graph, newAffinity, DeadlineOf(maxExecutionTime));
                var answer = FakeAnswer.None;
                if (statement is not null)
                {
                    var (result, error) = Execute(graph, statement, parameters, explicitTransaction: true);
                    if (error is not null)
                    {
                        _transactions.Remove(id);
                        return error;
                    }

                    answer = result!;
                }

                var response = Answer(answer, id);
                response.Headers.Add("neo4j-cluster-affinity", newAffinity);
                return response;
            }

            default:
            {
                if (!_transactions.TryGetValue(txId!, out var tx) || affinity != tx.Affinity)
                {
                    return Error(HttpStatusCode.NotFound, "Neo.ClientError.Request.Invalid",
                        $"Transaction with Id: \"{txId}\" was not found. It may have timed out and therefore rolled back or the routing header 'neo4j-cluster-affinity' was not provided.");
                }

                if (tx.Running)
                {
                    // the server's transaction manager refuses a request to a transaction another request holds
                    return Error(HttpStatusCode.BadRequest, "Neo.ClientError.Transaction.TransactionAccessedConcurrently", "Another request is currently accessing this transaction.");
                }

                if (tx.Deadline <= DateTimeOffset.UtcNow)
                {
                    _transactions.Remove(txId!);
                    return Error(HttpStatusCode.BadRequest, TimedOutCode, "The transaction has been terminated: it ran past its time limit.");
                }

                if (kind == FakeRequestKind.Rollback)
                {
                    _transactions.Remove(txId!);
                    return Answer(FakeAnswer.None, null);
                }

                var answer = FakeAnswer.None;
                if (statement is not null)
                {
                    var (result, error) = Execute(tx.Graph, statement, parameters, explicitTransaction: true);
                    if (error is not null)
                    {
                        _transactions.Remove(txId!);
                        return error;
                    }

                    answer = result!;
                }

                if (kind == FakeRequestKind.Commit)
                {
                    _transactions.Remove(txId!);
                    Graph = tx.Graph;
                    return Answer(answer, null);
                }

                return Answer(answer, txId);
            }
        }
    }

    private (FakeAnswer? Answer, HttpResponseMessage? Error) Execute(FakeGraph graph, string statement, Dictionary<string, object?> parameters, bool explicitTransaction = false)
    {
        if (!_statements.TryGetValue(statement, out var known))
        {
            return (null, Error(HttpStatusCode.BadRequest, "Neo.ClientError.Statement.SyntaxError",
                "The fake Query API runs only the statements in cypher/; this one is not among them: " + statement[..Math.Min(80, statement.Length)]));
        }

        if (explicitTransaction && known.Name.StartsWith("schema#", StringComparison.Ordinal))
        {
            // Neo4j does not mix schema changes with data writes in one transaction
            return (null, Error(HttpStatusCode.BadRequest, "Neo.ClientError.Transaction.ForbiddenDueToTransactionType",
                "Tried to execute Schema modification after executing Write query."));
        }

        var missing = ParameterPattern().Matches(StripComments(statement)).Select(m => m.Groups[1].Value).Distinct()
            .Where(p => !parameters.ContainsKey(p)).ToList();
        if (missing.Count > 0)
        {
            return (null, Error(HttpStatusCode.BadRequest, "Neo.ClientError.Statement.ParameterMissing", "Expected parameter(s): " + string.Join(", ", missing)));
        }

        try
        {
            graph.CurrentStatement = statement;
            graph.ResetCounters();
            var answer = known.Run(graph, new Params(parameters));
            _costs.Add(new FakeCost(known.Name, graph.RelationshipReads, graph.NodesScanned, graph.DeepestHop, graph.ProvenanceReads));
            return (answer, null);
        }
        catch (FakeCypherException e)
        {
            return (null, Error(HttpStatusCode.BadRequest, e.Code, e.Message));
        }
    }

    private static string StripComments(string statement) =>
        string.Join('\n', statement.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));

    private bool IsAuthorised(HttpRequestMessage request)
    {
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
        return request.Headers.Authorization is { Scheme: "Basic" } auth && auth.Parameter == expected;
    }

    private sealed record Body(string? Statement, Dictionary<string, object?> Parameters, HttpResponseMessage? Error, IReadOnlyList<string> Bookmarks, string? AccessMode, long? MaxExecutionTime = null);

    private static async Task<Body> ReadBodyAsync(HttpRequestMessage request, FakeRequestKind kind, CancellationToken cancellationToken)
    {
        var empty = new Dictionary<string, object?>(StringComparer.Ordinal);
        var text = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        if (text.Length == 0)
        {
            return kind == FakeRequestKind.Query
                ? new Body(null, empty, Error(HttpStatusCode.BadRequest, "Neo.ClientError.Request.Invalid", "Missing request body."), [], null)
                : new Body(null, empty, null, [], null);
        }

        if (request.Content!.Headers.ContentType?.MediaType != "application/json")
        {
            return new Body(null, empty, Error(HttpStatusCode.UnsupportedMediaType, "Neo.ClientError.Request.Invalid", "Content-Type must be application/json."), [], null);
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return new Body(null, empty, Error(HttpStatusCode.BadRequest, "Neo.ClientError.Request.InvalidFormat", e.Message), [], null);
        }

        if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Any(p => !AllowedBodyFields.Contains(p.Name)))
        {
            return new Body(null, empty, Error(HttpStatusCode.BadRequest, "Neo.ClientError.Request.InvalidFormat", "Unexpected request body: " + text[..Math.Min(80, text.Length)]), [], null);
        }

        var statement = root.TryGetProperty("statement", out var s) ? s.GetString() : null;
        if (kind == FakeRequestKind.Query && string.IsNullOrWhiteSpace(statement))
        {
            return new Body(null, empty, Error(HttpStatusCode.BadRequest, "Neo.ClientError.Request.Invalid", "A statement is required."), [], null);
        }

        IReadOnlyList<string> bookmarks = root.TryGetProperty("bookmarks", out var b) && b.ValueKind == JsonValueKind.Array
            ? [.. b.EnumerateArray().Select(x => x.GetString() ?? "")]
            : [];
        string? accessMode = null;
        if (root.TryGetProperty("accessMode", out var mode))
        {
            accessMode = mode.GetString();
            if (accessMode is not ("READ" or "WRITE"))
            {
                return new Body(null, empty, Error(HttpStatusCode.BadRequest, "Neo.ClientError.Request.Invalid", "accessMode must be READ or WRITE."), [], null);
            }
        }

        long? maxExecutionTime = null;
        if (root.TryGetProperty("maxExecutionTime", out var limit))
        {
            // an int of seconds; 0 (or absent) leaves the server's db.transaction.timeout
            if (limit.ValueKind != JsonValueKind.Number || !limit.TryGetInt32(out var seconds) || seconds < 0)
            {
                return new Body(null, empty, Error(HttpStatusCode.BadRequest, "Neo.ClientError.Request.InvalidFormat", "maxExecutionTime must be a whole number of seconds."), [], null);
            }

            maxExecutionTime = seconds == 0 ? null : seconds;
        }

        if (root.TryGetProperty("parameters", out var p))
        {
            if (p.ValueKind != JsonValueKind.Object)
            {
                return new Body(null, empty, Error(HttpStatusCode.BadRequest, "Neo.ClientError.Request.InvalidFormat", "parameters must be an object."), [], null);
            }

            return new Body(statement, (Dictionary<string, object?>)FakeJson.Decode(p)!, null, bookmarks, accessMode, maxExecutionTime);
        }

        return new Body(statement, empty, null, bookmarks, accessMode, maxExecutionTime);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private DateTimeOffset? DeadlineOf(long? maxExecutionTime) =>
        maxExecutionTime is { } seconds && _honoursMaxExecutionTime ? DateTimeOffset.UtcNow.AddSeconds(seconds)
        : _serverTransactionTimeout is { } timeout ? DateTimeOffset.UtcNow + timeout
        : null;

    // A statement that never finishes. Its transaction is the request's own (implicit) or the open one it was sent to,
    // whose time limit was fixed when it began; a Run inside a transaction carries no limit of its own (the server
    // ignores one there). The work goes on when the client closes the request, until that limit passes.
    private async Task<HttpResponseMessage> RunOnAsync(string? txId, long? maxExecutionTime, CancellationToken clientGone)
    {
        DateTimeOffset? deadline;
        lock (_gate)
        {
            if (txId is not null && _transactions.TryGetValue(txId, out var tx))
            {
                tx.Running = true;
                deadline = tx.Deadline;
            }
            else
            {
                deadline = DeadlineOf(maxExecutionTime);
            }

            _runningStatements++;
        }

        var ends = deadline is { } at ? Task.Delay(Max(at - DateTimeOffset.UtcNow, TimeSpan.Zero), CancellationToken.None) : new TaskCompletionSource().Task;
        _ = ends.ContinueWith(_ =>
        {
            lock (_gate)
            {
                _runningStatements--;
                if (txId is not null)
                {
                    _transactions.Remove(txId); // terminated and rolled back
                }
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        await Task.WhenAny(ends, Task.Delay(Timeout.Infinite, clientGone));
        clientGone.ThrowIfCancellationRequested();
        return Error(HttpStatusCode.BadRequest, TimedOutCode,
            "The transaction has been terminated. Retry your operation in a new transaction, and you should see a successful result. The transaction has not completed within the timeout specified at its start by the client. You may want to retry with a longer timeout.");
    }

    private FakeFault? TakeFault(FakeRequest request)
    {
        for (var i = 0; i < _faults.Count; i++)
        {
            var (when, fault, times) = _faults[i];
            if (!when(request))
            {
                continue;
            }

            if (times <= 1)
            {
                _faults.RemoveAt(i);
            }
            else
            {
                _faults[i] = (when, fault, times - 1);
            }

            return fault;
        }

        return null;
    }

    private static HttpResponseMessage Answer(FakeAnswer answer, string? txId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("data");
            writer.WritePropertyName("fields");
            FakeJson.Write(writer, answer.Fields.Cast<object?>().ToList());
            writer.WriteStartArray("values");
            foreach (var row in answer.Rows)
            {
                FakeJson.Write(writer, row.ToList());
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartArray("bookmarks");
            writer.WriteStringValue("FB:fake");
            writer.WriteEndArray();
            if (txId is not null)
            {
                writer.WriteStartObject("transaction");
                writer.WriteString("id", txId);
                writer.WriteString("expires", "2030-01-01T00:00:00Z");
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return new HttpResponseMessage(HttpStatusCode.Accepted)
        {
            Content = new ByteArrayContent(buffer.ToArray()) { Headers = { ContentType = new("application/json") } },
        };
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string code, string message)
    {
        var body = JsonSerializer.Serialize(new { errors = new[] { new { code, message } } });
        return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }

    [GeneratedRegex(@"^/db/(?<db>[^/]+)/query/v2(?<txroot>/tx(/(?<tx>[^/]+)(?<commit>/commit)?)?)?$")]
    private static partial Regex RoutePattern();

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterPattern();
}

/// <summary>An open explicit transaction: its own copy of the graph, its affinity, when the server ends it, whether a statement runs.</summary>
internal sealed class FakeTransaction(FakeGraph graph, string affinity, DateTimeOffset? deadline)
{
    public FakeGraph Graph { get; } = graph;

    public string Affinity { get; } = affinity;

    public DateTimeOffset? Deadline { get; } = deadline;

    public bool Running { get; set; }
}

/// <summary>Folders of the repository the tests run from.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Cypher => Path.Combine(Root, "cypher");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RelationGraph.sln")) && Directory.Exists(Path.Combine(dir.FullName, "cypher")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (RelationGraph.sln and cypher/) above " + AppContext.BaseDirectory);
    }
}
