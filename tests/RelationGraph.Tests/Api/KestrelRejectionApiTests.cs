using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Api.Hosting;

namespace RelationGraph.Tests.Api;

/// <summary>
/// Requests Kestrel itself rejects, before any middleware, on real Kestrel (the in-memory test server parses nothing):
/// raw bytes over a socket, since an HTTP client would not send most of them.
/// </summary>
public sealed class KestrelRejectionApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record RawResponse(int Status, Dictionary<string, string> Headers, byte[] Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }

    private static (string Request, int Status) Case(string name) => name switch
    {
        "%00 in the path" => ("GET /api/documents/%00 HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        "%00 before a query" => ("GET /api/paths%00?from=a&to=b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        "raw UTF-8 in the path" => ("GET /api/documents/\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        "no Host header" => ("GET /api/documents HTTP/1.1\r\n\r\n", 400),
        "a header without a colon" => ("GET /api/documents HTTP/1.1\r\nHost: a\r\nno colon here\r\n\r\n", 400),
        // exactly the limit and no line end: Kestrel has read all of it when it gives up, so it closes without a reset
        "a request line at Kestrel's limit" => ("GET /api/entities?q=".PadRight(RequestLimitsMiddleware.KestrelRequestLineBytes, 'a'), 414),
        "headers past Kestrel's limit" => ("GET /api/documents HTTP/1.1\r\nHost: a\r\nX-Big: ".PadRight(RequestLimitsMiddleware.KestrelHeaderBytes + 100, 'a'), 431),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [InlineData("%00 in the path")]
    [InlineData("%00 before a query")]
    [InlineData("raw UTF-8 in the path")]
    [InlineData("no Host header")]
    [InlineData("a header without a colon")]
    [InlineData("a request line at Kestrel's limit")]
    [InlineData("headers past Kestrel's limit")]
    public async Task Request_KestrelRejects_ProblemDetailsWithKestrelsStatus(string name)
    {
        var (request, status) = Case(name);
        await using var app = StartOnKestrel(out var port);

        var response = await SendAsync(port, Encoding.UTF8.GetBytes(request));

        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.Headers["content-type"]);
        Assert.Equal("close", response.Headers["connection"]);
        Assert.Equal(status, response.Json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(response.Json.GetProperty("title").GetString()));
        Assert.StartsWith("The server could not read the request", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("''", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_RejectedAfterAnsweredOnesOnTheSameConnection_EarlierAnswersIntactAndRejectionIsProblem()
    {
        await using var app = StartOnKestrel(out var port);
        const string Live = "GET /health/live HTTP/1.1\r\nHost: a\r\n\r\n";

        var responses = await SendManyAsync(port, Encoding.ASCII.GetBytes(Live + Live + "GET /api/documents/%00 HTTP/1.1\r\nHost: a\r\n\r\n"));

        Assert.Equal([200, 200, 400], responses.Select(r => r.Status));
        Assert.All(responses.Take(2), r => Assert.NotEqual("application/problem+json", r.Headers.GetValueOrDefault("content-type")));
        Assert.Equal("application/problem+json", responses[2].Headers["content-type"]);
        Assert.Equal(400, responses[2].Json.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Head_KestrelRejectsAHeader_KeepsTheEmptyBody()
    {
        await using var app = StartOnKestrel(out var port);

        var response = await SendAsync(port, Encoding.ASCII.GetBytes("HEAD /api/documents HTTP/1.1\r\nHost: a\r\nno colon here\r\n\r\n"));

        Assert.Equal(400, response.Status);
        Assert.Equal("0", response.Headers["content-length"]);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task Get_AnErrorTheApiAnswers_IsNotTouched()
    {
        await using var app = StartOnKestrel(out var port);

        var response = await SendAsync(port, Encoding.ASCII.GetBytes("GET /api/documents/nothing-here HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));

        Assert.Equal(404, response.Status);
        Assert.Equal("application/problem+json", response.Headers["content-type"]);
        Assert.Contains("nothing-here", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static RelationGraphApp StartOnKestrel(out int port)
    {
        var app = new RelationGraphApp { SeedFolder = "" };
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        port = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).Port;
        return app;
    }

    private static async Task<RawResponse> SendAsync(int port, byte[] request) => (await SendManyAsync(port, request)).Single();

    // Sends the bytes, reads until the server closes the connection (Kestrel closes it after a rejection), and splits
    // what came back into responses by their Content-Length or chunked framing.
    private static async Task<List<RawResponse>> SendManyAsync(int port, byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, Ct);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, Ct);
        }
        catch (IOException)
        {
            // the server may answer and close before it has read a long request
        }

        using var received = new MemoryStream();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // a reset after the last response
        }

        return Parse(received.ToArray());
    }

    private static List<RawResponse> Parse(byte[] bytes)
    {
        var responses = new List<RawResponse>();
        var at = 0;
        while (at < bytes.Length)
        {
            var end = bytes.AsSpan(at).IndexOf("\r\n\r\n"u8);
            Assert.True(end >= 0, "incomplete response head: " + Encoding.ASCII.GetString(bytes, at, bytes.Length - at));
            var lines = Encoding.ASCII.GetString(bytes, at, end).Split("\r\n");
            var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var headers = lines.Skip(1).Select(line => line.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
            at += end + 4;
            var body = new MemoryStream();
            if (headers.TryGetValue("content-length", out var length))
            {
                var count = Math.Min(int.Parse(length, System.Globalization.CultureInfo.InvariantCulture), bytes.Length - at);
                body.Write(bytes, at, count);
                at += count;
            }
            else if (headers.GetValueOrDefault("transfer-encoding") == "chunked")
            {
                while (true)
                {
                    var lineEnd = bytes.AsSpan(at).IndexOf("\r\n"u8);
                    var size = Convert.ToInt32(Encoding.ASCII.GetString(bytes, at, lineEnd), 16);
                    at += lineEnd + 2;
                    body.Write(bytes, at, size);
                    at += size + 2;
                    if (size == 0)
                    {
                        break;
                    }
                }
            }

            responses.Add(new RawResponse(status, headers, body.ToArray()));
        }

        return responses;
    }
}
