using System.Text.Json;
using System.Text.Json.Serialization;
using RelationGraph.Core.Paths;

namespace RelationGraph.Api.Paths;

/// <summary>
/// Compile-time JSON for the path answer, with the wire format of the API's JSON options (web defaults, enums
/// as strings): <c>PathApiTests</c> checks both give the same bytes. Serialising with its own options lets
/// System.Text.Json take the generated fast path, which writes the answer without per-property converters.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PathResponse))]
internal sealed partial class PathJsonContext : JsonSerializerContext;
