using System.Text.Json.Serialization;
using CnnMem.Cli.Commands;

namespace CnnMem.Cli;

/// <summary>Source-generated JSON metadata for the CLI's own documents (the <c>ops</c> list and the <c>fit</c> results).</summary>
[JsonSerializable(typeof(IReadOnlyList<OpInfo>))]
[JsonSerializable(typeof(FitDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
