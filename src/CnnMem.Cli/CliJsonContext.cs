using System.Text.Json.Serialization;
using CnnMem.Cli.Commands;

namespace CnnMem.Cli;

/// <summary>Source-generated JSON metadata for the CLI's own documents (the <c>ops</c> list, the <c>fit</c> results and the <c>zoo</c> listing).</summary>
[JsonSerializable(typeof(IReadOnlyList<OpInfo>))]
[JsonSerializable(typeof(FitDocument))]
[JsonSerializable(typeof(IReadOnlyList<CnnMem.Zoo.ZooInfo>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
