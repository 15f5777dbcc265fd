using System.Buffers;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace RelationGraph.Api.Hosting;

/// <summary>
/// 200 with a JSON body serialised in one synchronous pass by a source-generated <see cref="JsonTypeInfo{T}"/>
/// into a per-thread buffer, then sent with a Content-Length. For hot endpoints: <see cref="Ok{TValue}"/>
/// serialises through the resumable (streaming) converters and answers chunked.
/// </summary>
/// <typeparam name="T">The body type; OpenAPI documents it as the 200 response like <see cref="Ok{TValue}"/> does.</typeparam>
public sealed class Utf8JsonOk<T> : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    // a buffer that grew past this for one large answer is dropped rather than kept by the thread
    private const int KeptBufferBytes = 256 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly JsonTypeInfo<T> _typeInfo;

    internal Utf8JsonOk(T value, JsonTypeInfo<T> typeInfo)
    {
        Value = value;
        _typeInfo = typeInfo;
    }

    /// <summary>The body.</summary>
    public T Value { get; }

    object? IValueHttpResult.Value => Value;

    /// <summary>Always 200.</summary>
    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        // the escaping ASP.NET Core's JSON options use (the generated code writes through this writer's encoder)
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        try
        {
            writer.Reset(buffer);
            JsonSerializer.Serialize(writer, Value, _typeInfo);
            writer.Flush();

            var response = httpContext.Response;
            response.StatusCode = StatusCode;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = buffer.WrittenCount;
            response.BodyWriter.Write(buffer.WrittenSpan); // copied into Kestrel's buffers before the thread can move on
        }
        finally
        {
            buffer.ResetWrittenCount();
            if (buffer.Capacity > KeptBufferBytes)
            {
                t_buffer = null;
                t_writer = null;
            }
        }

        return httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted).AsTask();
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
    }
}

/// <summary>Creates <see cref="Utf8JsonOk{T}"/> results.</summary>
public static class Utf8JsonResults
{
    /// <summary>200 with <paramref name="value"/> serialised by <paramref name="typeInfo"/>.</summary>
    public static Utf8JsonOk<T> Ok<T>(T value, JsonTypeInfo<T> typeInfo) => new(value, typeInfo);
}
