using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Core.Extraction;
using RelationGraph.Core.Model;

namespace RelationGraph.Tests.Api;

/// <summary>Rate limits, the write concurrency limit, request timeouts, and cancellation reaching extraction.</summary>
public sealed class LimitsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Extracts nothing until its token is cancelled, then says so.</summary>
    private sealed class WaitingExtractor : IDocumentExtractor
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "waiting";

        public string Version => "1";

        public async ValueTask<DocumentGraph> ExtractAsync(SourceDocument document, CancellationToken cancellationToken = default)
        {
            Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }

            throw new InvalidOperationException("unreachable");
        }
    }

    private static Task<HttpResponseMessage> PostTextAsync(HttpClient client, string text, CancellationToken cancellationToken)
    {
        var content = new StringContent(text, Encoding.UTF8, "text/plain");
        return client.PostAsync(new Uri("/api/documents", UriKind.Relative), content, cancellationToken);
    }

    [Fact]
    public async Task Get_OverTheClientsRate_429ProblemWithRetryAfter()
    {
        await using var app = new RelationGraphApp
        {
            SeedFolder = "",
            Settings = { ["Api:Limits:RequestsPerSecondPerClient"] = "1", ["Api:Limits:BurstPerClient"] = "2" },
        };
        using var client = app.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.GetAsync(new Uri("/api/documents", UriKind.Relative), Ct));
        }

        Assert.Equal(HttpStatusCode.OK, answers[0].StatusCode);
        Assert.Equal(HttpStatusCode.OK, answers[1].StatusCode);
        await ApiAssert.ProblemAsync(answers[2], HttpStatusCode.TooManyRequests);
        Assert.NotNull(answers[2].Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task Post_WhileTheOnlyWriteSlotIsTaken_429AndReadsStillAnswer()
    {
        var extractor = new WaitingExtractor();
        await using var app = new RelationGraphApp
        {
            SeedFolder = "",
            Settings = { ["Api:Limits:ConcurrentWrites"] = "1", ["Api:Limits:WriteQueue"] = "0" },
            TestServices = services => services.AddSingleton<IDocumentExtractor>(extractor),
        };
        using var client = app.CreateClient();
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var first = PostTextAsync(client, "Marta Lindqvist met Tomas Brennholt in Oslo.", leave.Token);
        await extractor.Started.Task.WaitAsync(Ct);

        using var second = await PostTextAsync(client, "Another story about Oslo.", Ct);
        using var read = await client.GetAsync(new Uri("/api/documents", UriKind.Relative), Ct);
        await leave.CancelAsync();

        await ApiAssert.ProblemAsync(second, HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        // the client left: the request's token reached extraction, which stopped
        await extractor.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
    }

    [Fact]
    public async Task Post_ExtractionOverTheWriteTimeout_504ProblemAndExtractionIsCancelled()
    {
        var extractor = new WaitingExtractor();
        await using var app = new RelationGraphApp
        {
            SeedFolder = "",
            Settings = { ["Api:Limits:WriteTimeoutSeconds"] = "1" },
            TestServices = services => services.AddSingleton<IDocumentExtractor>(extractor),
        };
        using var client = app.CreateClient();

        using var response = await PostTextAsync(client, "Marta Lindqvist met Tomas Brennholt in Oslo.", Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.GatewayTimeout);
        Assert.True(extractor.Cancelled.Task.IsCompleted);
    }
}
