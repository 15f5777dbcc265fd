using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace RelationGraph.Api.Hosting;

/// <summary>
/// Gives the requests Kestrel rejects before any middleware runs a Problem Details body, like every other error: a
/// <c>%00</c> or a raw non-ASCII byte in the path, a malformed request line or header, a missing Host, a target or
/// headers past Kestrel's own limits, headers that arrive too slowly. Kestrel has no hook to change those responses
/// (aspnet/KestrelHttpServer#2947). It reports each one through the DiagnosticSource event <see cref="EventName"/>
/// just before it writes its empty response, and closes the connection after that response. So a connection
/// middleware wraps the transport's output, and once the event has fired on its connection, holds back what Kestrel
/// writes next: when that is the HTTP/1.1 response to the rejection, it sends the same status and headers with a
/// problem+json body instead; anything else (TLS records, HTTP/2 frames) goes on unchanged. A HEAD request keeps
/// Kestrel's empty response when Kestrel read its method (not when the request line itself was rejected).
/// </summary>
internal static class KestrelRejections
{
    /// <summary>Kestrel's event for a request it rejected; its payload is the request's <see cref="IFeatureCollection"/>.</summary>
    public const string EventName = "Microsoft.AspNetCore.Server.Kestrel.BadRequest";

    // The output of the connection whose requests run on this flow. Kestrel processes a connection's requests under the
    // execution context of the connection middleware that called it, so the event, raised there, finds its connection.
    private static readonly AsyncLocal<RejectableOutput?> _current = new();

    public static IServiceCollection AddKestrelRejectionProblems(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<DiagnosticListener>((kestrel, listener) =>
        {
            // the host disposes the listener, and with it this subscription
            listener.Subscribe(new RejectionObserver(), name => name == EventName);
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Use(WrapOutput));
        });
        return services;
    }

    private static ConnectionDelegate WrapOutput(ConnectionDelegate next) => async connection =>
    {
        var transport = connection.Transport;
        var output = new RejectableOutput(transport.Output);
        connection.Transport = new DuplexPipe(transport.Input, output);
        _current.Value = output;
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = transport;
        }
    };

    private sealed class RejectionObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == EventName && value.Value is IFeatureCollection features && _current.Value is { } output)
            {
                output.Reject(features);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }

    /// <summary>A connection's output: passes every write through until a rejection, then replaces Kestrel's response to it.</summary>
    private sealed class RejectableOutput(PipeWriter inner) : PipeWriter
    {
        // Kestrel's status line for the rejection, and the whole response sent in place of the one that begins with it
        private (byte[] StatusLine, byte[] Response)? _replacement;
        private ArrayBufferWriter<byte>? _held;
        private bool _lentHeld;
        private bool _released;

        private bool Holding => _replacement is not null && !_released;

        /// <summary>Prepares the Problem Details response for the rejected request Kestrel is about to answer.</summary>
        public void Reject(IFeatureCollection features)
        {
            var response = features.Get<IHttpResponseFeature>();
            var method = features.Get<IHttpRequestFeature>()?.Method;
            if (response is null || response.HasStarted || string.Equals(method, HttpMethods.Head, StringComparison.OrdinalIgnoreCase) || _released)
            {
                return;
            }

            var status = response.StatusCode;
            _replacement = (Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} ")),
                Render(status, response.Headers, features.Get<IBadRequestExceptionFeature>()?.Error?.Message));
        }

        public override Memory<byte> GetMemory(int sizeHint = 0)
        {
            _lentHeld = Holding;
            return _lentHeld ? (_held ??= new()).GetMemory(sizeHint) : inner.GetMemory(sizeHint);
        }

        public override Span<byte> GetSpan(int sizeHint = 0)
        {
            _lentHeld = Holding;
            return _lentHeld ? (_held ??= new()).GetSpan(sizeHint) : inner.GetSpan(sizeHint);
        }

        public override void Advance(int bytes)
        {
            if (_lentHeld)
            {
                _held!.Advance(bytes);
            }
            else
            {
                inner.Advance(bytes);
            }
        }

        public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
            Holding ? base.WriteAsync(source, cancellationToken) : inner.WriteAsync(source, cancellationToken);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Release();
            return inner.FlushAsync(cancellationToken);
        }

        public override void Complete(Exception? exception = null)
        {
            Release();
            inner.Complete(exception);
        }

        public override ValueTask CompleteAsync(Exception? exception = null)
        {
            Release();
            return inner.CompleteAsync(exception);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes + (_held?.WrittenCount ?? 0);

        // What Kestrel wrote since the rejection goes out once: replaced when it is the response to that rejection.
        private void Release()
        {
            if (_held is not { WrittenCount: > 0 } held || _replacement is not { } replacement || _released)
            {
                return;
            }

            _released = true;
            _held = null;
            inner.Write(held.WrittenSpan.StartsWith(replacement.StatusLine) ? replacement.Response : held.WrittenSpan);
        }

        // Kestrel's status line and headers (Date, Server, Allow) with a problem+json body in place of its empty one.
        private static byte[] Render(int status, IHeaderDictionary kestrelHeaders, string? reason)
        {
            var body = new ArrayBufferWriter<byte>();
            // as the API's other answers: quotes and apostrophes in Kestrel's reason as they are
            using (var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                if (TypeOf(status) is { } type)
                {
                    json.WriteString("type", type);
                }

                json.WriteString("title", ReasonPhrases.GetReasonPhrase(status));
                json.WriteNumber("status", status);
                json.WriteString("detail", Detail(reason));
                json.WriteEndObject();
            }

            var head = new StringBuilder();
            head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}\r\n");
            foreach (var (name, values) in kestrelHeaders)
            {
                if (!name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase) && !name.Equals(HeaderNames.Connection, StringComparison.OrdinalIgnoreCase))
                {
                    head.Append(CultureInfo.InvariantCulture, $"{name}: {values}\r\n");
                }
            }

            head.Append(CultureInfo.InvariantCulture, $"Content-Type: application/problem+json\r\nContent-Length: {body.WrittenCount}\r\nConnection: close\r\n\r\n");
            return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body.WrittenSpan];
        }

        // Kestrel's reason ("Invalid request target: '/a%00'"), without the empty quote it leaves when its logging hides the value
        private static string Detail(string? reason)
        {
            const string Elided = ": ''";
            reason = reason?.EndsWith(Elided, StringComparison.Ordinal) == true ? reason[..^Elided.Length] : reason;
            reason = reason?.TrimEnd('.');
            return string.IsNullOrEmpty(reason) ? "The server could not read the request." : $"The server could not read the request: {reason}.";
        }

        // the same links ASP.NET Core's Problem Details give these statuses elsewhere in the API
        private static string? TypeOf(int status) => status switch
        {
            StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            StatusCodes.Status405MethodNotAllowed => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
            StatusCodes.Status408RequestTimeout => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
            _ => null,
        };
    }
}
