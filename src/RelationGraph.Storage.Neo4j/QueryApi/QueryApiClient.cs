using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RelationGraph.Storage.Neo4j.QueryApi;

/// <summary>
/// Typed client for Neo4j's HTTP Query API: one statement per request, implicit (auto-commit) or inside an
/// explicit transaction. It classifies every failure but never retries: the store's resilience pipeline does.
/// </summary>
internal sealed class QueryApiClient
{
    /// <summary>Header that pins an explicit transaction to one cluster member.</summary>
    public const string AffinityHeader = "neo4j-cluster-affinity";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly Neo4jStoreOptions _options;
    private readonly ILogger _logger;
    private readonly string _queryPath;

    // Sent with every new transaction so a cluster (Aura) answers reads after the writes this client made.
    private volatile string[] _bookmarks = [];

    public QueryApiClient(HttpClient http, IOptions<Neo4jStoreOptions> options, ILogger<QueryApiClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _logger = logger;
        Url = new Uri(_options.Url.EndsWith('/') ? _options.Url : _options.Url + "/", UriKind.Absolute);
        _http.BaseAddress = Url;
        // each attempt has its own timeout (RequestTimeout) so a slow attempt is retried, not fatal
        _http.Timeout = Timeout.InfiniteTimeSpan;
        if (_options.User.Length > 0)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.User}:{_options.Password}"));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
        }

        _queryPath = $"db/{Uri.EscapeDataString(_options.Database)}/query/v2";
    }

    public Uri Url { get; }

    /// <summary>
    /// Runs one statement in its own auto-commit transaction, read-only when <paramref name="readOnly"/>; the server
    /// stops it after <see cref="Neo4jStoreOptions.RequestTimeout"/>.
    /// </summary>
    public Task<QueryResult> RunAsync(CypherStatement statement, IReadOnlyDictionary<string, object?>? parameters, bool readOnly, CancellationToken cancellationToken) =>
        RunAsync(statement, parameters, readOnly, _options.RequestTimeout, cancellationToken);

    /// <summary>
    /// Runs one statement in its own auto-commit transaction, which the server stops after <paramref name="serverTimeout"/>
    /// (sent as <c>maxExecutionTime</c>, whole seconds rounded up): the request's own timeout ends only the wait for it.
    /// </summary>
    public async Task<QueryResult> RunAsync(CypherStatement statement, IReadOnlyDictionary<string, object?>? parameters, bool readOnly, TimeSpan serverTimeout, CancellationToken cancellationToken)
    {
        var body = ParameterWriter.Body(statement, parameters, _bookmarks, readOnly, MaxExecutionSeconds(serverTimeout));
        var answer = await SendAsync(HttpMethod.Post, _queryPath, body, null, cancellationToken);
        _logger.StatementRan(statement.Name, answer.Result.Records.Count);
        return answer.Result;
    }

    /// <summary>
    /// Opens an explicit transaction, which the server stops and rolls back after
    /// <see cref="Neo4jStoreOptions.TransactionTimeout"/>; dispose it to roll back unless it was committed.
    /// </summary>
    public async Task<QueryTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var body = ParameterWriter.Body(null, null, _bookmarks, maxExecutionTime: MaxExecutionSeconds(_options.TransactionTimeout));
        var answer = await SendAsync(HttpMethod.Post, _queryPath + "/tx", body, null, cancellationToken);
        var id = answer.TransactionId ?? throw new Neo4jException(Neo4jFailure.Query, null, $"Neo4j at {Url} opened a transaction without an id.");
        return new QueryTransaction(this, _queryPath + "/tx/" + Uri.EscapeDataString(id), id, answer.Affinity, _logger);
    }

    /// <summary>
    /// The Query API's <c>maxExecutionTime</c> for a time limit: whole seconds, rounded up so the server never stops work
    /// the client still waits for, and at least 1 (0 would mean the server's own <c>db.transaction.timeout</c>).
    /// </summary>
    public static int MaxExecutionSeconds(TimeSpan limit) => (int)Math.Clamp(Math.Ceiling(limit.TotalSeconds), 1, int.MaxValue);

    internal async Task<QueryResult> RunInTransactionAsync(string path, string? affinity, CypherStatement statement, IReadOnlyDictionary<string, object?>? parameters, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Post, path, ParameterWriter.Body(statement, parameters), affinity, cancellationToken);
        _logger.StatementRan(statement.Name, answer.Result.Records.Count);
        return answer.Result;
    }

    internal Task CommitAsync(string path, string? affinity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path + "/commit", ParameterWriter.Body(null, null), affinity, cancellationToken);

    internal Task RollbackAsync(string path, string? affinity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, null, affinity, cancellationToken);

    private async Task<Answer> SendAsync(HttpMethod method, string path, byte[]? body, string? affinity, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.RequestTimeout);
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }

        if (affinity is not null)
        {
            request.Headers.TryAddWithoutValidation(AffinityHeader, affinity);
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attempt.Token);
            var text = await response.Content.ReadAsStringAsync(attempt.Token);
            return Interpret(response, text);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new Neo4jException(Neo4jFailure.Transient, null, $"Neo4j at {Url} did not answer within {_options.RequestTimeout}.", e);
        }
        catch (HttpRequestException e) when (IsUnreachable(e))
        {
            throw new Neo4jException(Neo4jFailure.Unavailable, null,
                $"Neo4j unreachable at {Url}: {e.Message} Check Storage:Neo4j:Url and that the server is running.", e);
        }
        catch (HttpRequestException e)
        {
            throw new Neo4jException(Neo4jFailure.Transient, null, $"Network failure talking to Neo4j at {Url}: {e.Message}", e);
        }
    }

    private Answer Interpret(HttpResponseMessage response, string text)
    {
        JsonDocument? document = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException) when (!response.IsSuccessStatusCode)
            {
                document = null;
            }
            catch (JsonException e)
            {
                // a success whose body was cut off (a proxy or a dropped connection): worth another attempt
                throw new Neo4jException(Neo4jFailure.Transient, null,
                    $"Neo4j at {Url} answered HTTP {(int)response.StatusCode} with a body that is not complete JSON ({text.Length} characters): {e.Message}", e);
            }
        }

        using (document)
        {
            var root = document?.RootElement;
            var error = root is { } r ? FirstError(r) : null;
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new Neo4jException(Neo4jFailure.Authentication, error?.Code,
                    $"Neo4j at {Url} rejected the credentials of user '{_options.User}' (HTTP {(int)response.StatusCode}{(error is null ? "" : ", " + error.Code)}). Check Storage:Neo4j:User and Storage:Neo4j:Password.");
            }

            if (error is not null)
            {
                throw new Neo4jException(Neo4jException.Classify(error.Code), error.Code, $"Neo4j {error.Code}: {error.Message}");
            }

            if ((int)response.StatusCode >= 500)
            {
                throw new Neo4jException(Neo4jFailure.Transient, null, $"Neo4j at {Url} answered HTTP {(int)response.StatusCode}.");
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                var path = response.RequestMessage?.RequestUri?.AbsolutePath ?? "";
                throw new Neo4jException(Neo4jFailure.Unavailable, null, path.Contains("/query/v2/tx", StringComparison.Ordinal)
                    ? $"Neo4j at {Url} has no Query API transactions at {path}: the store needs Neo4j 5.26 or later, which added explicit transactions to the Query API."
                    : $"Neo4j at {Url} has no Query API at {path}: check Storage:Neo4j:Url and Database; the store needs Neo4j 5.26 or later.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new Neo4jException(Neo4jFailure.Query, null, $"Neo4j at {Url} answered HTTP {(int)response.StatusCode} to {response.RequestMessage?.RequestUri}.");
            }

            var affinity = response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : null;
            if (root is not { } body)
            {
                return new Answer(QueryResult.Empty, null, affinity);
            }

            var transactionId = body.TryGetProperty("transaction", out var tx) && tx.TryGetProperty("id", out var id) ? id.GetString() : null;
            if (body.TryGetProperty("bookmarks", out var bookmarks) && bookmarks.ValueKind == JsonValueKind.Array && bookmarks.GetArrayLength() > 0)
            {
                _bookmarks = [.. bookmarks.EnumerateArray().Select(b => b.GetString()).OfType<string>()];
            }

            return new Answer(ReadData(body), transactionId, affinity);
        }
    }

    private static QueryResult ReadData(JsonElement body)
    {
        if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return QueryResult.Empty;
        }

        var fields = data.GetProperty("fields").EnumerateArray().Select(f => f.GetString() ?? "").ToArray();
        var index = fields.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
        var records = data.GetProperty("values").EnumerateArray()
            .Select(row => new QueryRecord(index, [.. row.EnumerateArray().Select(v => v.Clone())]))
            .ToArray();
        return new QueryResult(fields, records);
    }

    private static QueryError? FirstError(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var error in errors.EnumerateArray())
        {
            return new QueryError(Values.String(error, "code") ?? "Neo.DatabaseError.General.UnknownError", Values.String(error, "message") ?? "");
        }

        return null;
    }

    // Nothing listens there (refused, unknown host): retrying within a request's budget will not change that.
    private static bool IsUnreachable(HttpRequestException e) =>
        e.HttpRequestError == HttpRequestError.NameResolutionError
        || (e.HttpRequestError == HttpRequestError.ConnectionError && e.InnerException is SocketException
        {
            SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable,
        });

    private sealed record QueryError(string Code, string Message);

    private sealed record Answer(QueryResult Result, string? TransactionId, string? Affinity);
}
