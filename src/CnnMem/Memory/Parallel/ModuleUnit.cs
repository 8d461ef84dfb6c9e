using System.Collections.Immutable;

namespace CnnMem.Memory.Parallel;

/// <summary>A group of parameters gathered together: an FSDP unit (a module at the chosen depth) or a ZeRO-3 module.</summary>
internal sealed record ModuleUnit(string Name, ImmutableArray<ParamEntry> Params);
